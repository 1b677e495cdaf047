/**
 * `cairn demo [--size small|large] [--seed N] [--replace]`: loads the demo
 * company. Progress goes to stderr (bars on a terminal, one line per table
 * otherwise); the summary, or JSON with --json, goes to stdout.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEMO_SIZES, type DemoSize } from '@cairn/core/demo';
import { DEFAULT_DEMO_SEED, type DemoProgress, type LoadDemoResult, loadDemo } from '@cairn/server';
import { action, type GlobalOptions, withCairn } from '../cli-context';

interface DemoOptions {
  size: DemoSize;
  seed: number;
  replace?: boolean;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('the seed must be a non-negative integer');
  return n;
}

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Bars per table on a terminal; a plain line per finished table elsewhere, so logs stay readable. */
export function demoProgressReporter(): { onProgress: (e: DemoProgress) => void; stop: () => void } {
  const err = process.stderr;
  if (!err.isTTY) {
    return {
      onProgress: (e) => {
        if (e.kind === 'table-done') err.write(`loaded ${e.table}: ${count(e.rows)} rows (${seconds(e.ms)} s)\n`);
        else if (e.kind === 'derive-start') err.write('deriving facts…\n');
        else if (e.kind === 'derive-done') err.write(`derived facts (${seconds(e.ms)} s)\n`);
      },
      stop: () => undefined,
    };
  }
  const multibar = new MultiBar(
    { format: ' {table} |{bar}| {percentage}% | {value}/{total} rows', hideCursor: true, clearOnComplete: false, stream: err },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  let width = 0;
  return {
    onProgress: (e) => {
      switch (e.kind) {
        case 'start':
          width = Math.max(...e.tables.map((t) => t.table.length));
          for (const t of e.tables) bars.set(t.table, multibar.create(Math.max(1, t.estimatedRows), 0, { table: t.table.padEnd(width) }));
          break;
        case 'rows':
          bars.get(e.table)?.update(e.rows);
          break;
        case 'table-done': {
          const bar = bars.get(e.table);
          bar?.setTotal(Math.max(1, e.rows));
          bar?.update(e.rows);
          break;
        }
        case 'derive-start':
          multibar.log('deriving facts (cross-sell, new logo, reporting currency, opportunity status)…\n');
          break;
        case 'derive-done':
          multibar.log(`derived facts in ${seconds(e.ms)} s\n`);
          break;
      }
    },
    stop: () => multibar.stop(),
  };
}

function summary(r: LoadDemoResult, store: string): string {
  const width = Math.max(...r.tables.map((t) => t.table.length), 'table'.length);
  const rowsWidth = Math.max(...r.tables.map((t) => count(t.rows).length), count(r.totalRows).length);
  const line = (a: string, b: string, c: string) => `${a.padEnd(width)}  ${b.padStart(rowsWidth)}  ${c.padStart(8)}`;
  return [
    `Demo company (${r.size}, seed ${r.seed}) loaded into ${store}: history ${r.from} to ${r.until} (exclusive)`,
    '',
    line('table', 'rows', 'seconds'),
    ...r.tables.map((t) => line(t.table, count(t.rows), seconds(t.ms))),
    line('total', count(r.totalRows), seconds(r.ms - r.deriveMs)),
    line('derive facts', '', seconds(r.deriveMs)),
    line('elapsed', '', seconds(r.ms)),
    '',
  ].join('\n');
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load the demo company: three fiscal years of realistic sales history, with a few planted data problems')
    .addOption(
      new Option('--size <size>', 'small (about 150k order lines) or large (about 20M, for benchmarks)')
        .choices(DEMO_SIZES)
        .default('small'),
    )
    .option('--seed <n>', 'random seed; the same seed gives the same company', parseSeed, DEFAULT_DEMO_SEED)
    .option('--replace', 'delete the sales data already in the database first')
    .action(
      action(async (opts: DemoOptions) => {
        const g = program.opts<GlobalOptions>();
        await withCairn(g, async (c) => {
          const reporter = g.json ? { onProgress: () => undefined, stop: () => undefined } : demoProgressReporter();
          let result: LoadDemoResult;
          try {
            result = await loadDemo(c, {
              size: opts.size,
              seed: opts.seed,
              replace: opts.replace ?? false,
              onProgress: reporter.onProgress,
            });
          } finally {
            reporter.stop();
          }
          process.stdout.write(
            g.json ? `${JSON.stringify({ store: c.store.description, ...result })}\n` : summary(result, c.store.description),
          );
        });
        return 0;
      }),
    );
}
