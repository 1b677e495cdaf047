export * from './imports-contract';
export * from './viewer';
export * from './kpi-contract';
export * from './scorecard-contract';
export * from './auth-contract';
