export * from './canonical-tables-v1';
export * from './entity-spec';
export * from './entity-specs';
export * from './migrations';
export * from './auth-tables';
export * from './derived-tables';
