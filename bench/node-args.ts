/**
 * How the benchmarks start Node for the product's code: the same flags as
 * `npm start` and `npm run cairn` in package.json (tsx for TypeScript, and a
 * 64 MB young generation: scoring and computing allocate many short-lived
 * objects, and the default 16 MB made garbage collection a tenth of a run).
 */
export const NODE_ARGS = ['--max-semi-space-size=64', '--import', 'tsx'];
