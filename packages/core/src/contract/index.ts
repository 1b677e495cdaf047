export * from './imports-contract';
