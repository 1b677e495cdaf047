/** The import direction of STYLE.md, checked on every `npm run lint`. */
module.exports = {
  forbidden: [
    { name: 'domain-imports-nothing', severity: 'error', from: { path: '^packages/core/src/domain' }, to: { path: '^packages/core/src/(?!domain)' } },
    { name: 'sql-knows-no-business', severity: 'error', from: { path: '^packages/core/src/sql' }, to: { path: '^packages/core/src/(model|ingest|metrics|scorecards|forecasting|compensation|cross-sell|quality|monitoring|governance|demo|contract)' } },
    {
      name: 'analytics-are-independent', severity: 'error',
      from: { path: '^packages/core/src/(scorecards|forecasting|compensation|cross-sell|quality|monitoring|governance)/' },
      to: { path: '^packages/core/src/(scorecards|forecasting|compensation|cross-sell|quality|monitoring|governance)/', pathNot: '^packages/core/src/$1/' },
    },
    { name: 'core-is-pure', severity: 'error', from: { path: '^packages/core' }, to: { path: '^packages/(server|web|cli)' } },
    { name: 'core-has-no-node-io', severity: 'error', from: { path: '^packages/core/src', pathNot: '\\.test\\.ts$' }, to: { dependencyTypes: ['core'], path: '^(fs|child_process|net|http|https|os)$' } },
    { name: 'web-never-imports-server', severity: 'error', from: { path: '^packages/web' }, to: { path: '^packages/(server|cli)' } },
    { name: 'server-never-imports-cli', severity: 'error', from: { path: '^packages/server' }, to: { path: '^packages/cli' } },
    { name: 'routes-do-not-touch-db', severity: 'error', from: { path: '^packages/server/src/http', pathNot: '\\.test\\.ts$' }, to: { path: '^packages/server/src/db' } },
    { name: 'cli-uses-services-not-http', severity: 'error', from: { path: '^packages/cli' }, to: { path: '^packages/server/src/http' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default'] },
  },
};
