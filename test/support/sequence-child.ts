/**
 * A handle on one run-import-sequence.ts child: its progress lines as events,
 * the import ids it saw committed, and its exit. It starts with --wait, so it
 * loads its modules at once but opens the store only on go().
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { REPO_ROOT } from './run-cli';

export interface SequenceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class SequenceChild {
  /** Import ids the child printed, in order: each was committed before it was printed. */
  readonly committed: string[] = [];
  readonly exited: Promise<SequenceExit>;
  stderr = '';
  private readonly proc: ChildProcessByStdio<Writable, Readable, Readable>;
  private readonly waiters = new Map<string, () => void>();
  private readonly seen = new Set<string>();
  private exit: SequenceExit | null = null;

  constructor(location: string, planPath: string, env: Record<string, string>) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/run-import-sequence.ts', location, planPath, '--wait'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let pending = '';
    this.proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n')) {
        this.onLine(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    });
    this.proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.proc.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      this.proc.on('close', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  private onLine(line: string): void {
    const [word, , importId] = line.split(' ');
    if (word === 'committed' && importId) this.committed.push(importId);
    if (!word) return;
    this.seen.add(word);
    this.waiters.get(word)?.();
  }

  /** Resolves when the child prints `word` (loaded, ready, done); rejects if it exits first. */
  until(word: 'loaded' | 'ready' | 'done'): Promise<void> {
    if (this.seen.has(word)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.set(word, resolve);
      void this.exited.then((e) => {
        if (!this.seen.has(word))
          reject(new Error(`the import child exited (${e.signal ?? e.code}) before "${word}":\n${this.stderr.slice(-2000)}`));
      });
    });
  }

  /** Lets the child open the store and start importing. */
  go(): void {
    this.proc.stdin.end('go\n');
  }

  /** SIGKILL, unless it has already exited. Returns whether the signal was sent to a live child. */
  kill(): boolean {
    if (this.exit) return false;
    return this.proc.kill('SIGKILL');
  }
}
