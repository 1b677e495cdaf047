#!/usr/bin/env node
// The `cairn` command (`npx cairn …` from the repository, or on PATH after `npm link`):
// registers tsx, which the repository runs its TypeScript with, then runs the CLI.
// Node starts with the 64 MB young generation `npm run cairn` and `npm start` give it (package.json):
// the demo, imports and computes allocate many short-lived values, and with Node's default 16 MB the
// large demo's order lines alone took 27.6 s to generate instead of 18.1 s. A `node` started without
// it is replaced by one started with it, which inherits the terminal and passes back the exit code.
import { spawn } from 'node:child_process';
import { register } from 'tsx/esm/api';

const YOUNG_GENERATION = '--max-semi-space-size=64';

if (process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  register();
  await import('../src/main.ts');
} else {
  const child = spawn(process.execPath, [...process.execArgv, YOUNG_GENERATION, ...process.argv.slice(1)], { stdio: 'inherit' });
  // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      // Ended by a signal: end the same way, without the handler above.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    else process.exit(code ?? 1);
  });
}
