export * from './column-mapping';
export * from './plan-columns';
export * from './row-error';
export * from './validate-row';
export * from './row-errors-csv';
export * from './sql-staging';
