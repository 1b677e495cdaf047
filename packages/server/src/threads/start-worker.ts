/**
 * A worker thread running one of Cairn's TypeScript modules. Cairn runs its
 * TypeScript through tsx, whose loader a worker thread does not inherit
 * (tsx issue #354: the worker fails with "Unknown file extension .ts"), so the
 * worker starts from a two-line ES module that registers tsx in that thread
 * and then imports the entry. The same works under vitest.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}
