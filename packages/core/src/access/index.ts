export * from './node-scope';
export * from './permissions';
