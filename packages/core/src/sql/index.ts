export * from './column-type';
export * from './dialect';
export * from './duckdb/duckdb-dialect';
export * from './postgres/postgres-dialect';
export * from './quote-identifier';
export * from './render-ddl';
export * from './sql-fragment';
