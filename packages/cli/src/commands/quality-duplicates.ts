import { DomainError } from '@cairn/core/domain';
import { DEFAULT_DUPLICATE_THRESHOLD, type DuplicateReason, type DuplicateReport } from '@cairn/core/quality';
import { listDuplicateCustomers } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';

/** The `cairn quality` group, created by whichever quality verb registers first. */
export function qualityCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'quality') ??
    program.command('quality').description('customer master data: find duplicate customers and merge them')
  );
}

const REASON_TEXT: Record<DuplicateReason, string> = {
  same_tax_id: 'same tax id',
  same_domain: 'same domain',
  same_normalised_name: 'same name',
  similar_name: 'similar name',
};

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `  ${r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd()).join('\n');
}

function render(report: DuplicateReport, threshold: number): string {
  const out: string[] = [];
  const n = report.clusters.length;
  out.push(
    n === 0
      ? `no possible duplicate customers (name similarity threshold ${threshold})`
      : `${n} cluster${n === 1 ? '' : 's'} of possible duplicate customers (name similarity threshold ${threshold})`,
  );
  report.clusters.forEach((c, k) => {
    out.push('', `cluster ${k + 1}: ${c.customers.length} customers`);
    out.push(
      table([
        ['id', 'name', 'country', 'domain', 'tax id'],
        ...c.customers.map((x) => [x.id, x.name, x.country ?? '', x.domain ?? '', x.taxId ?? '']),
      ]),
    );
    out.push(table(c.pairs.map((p) => [`${p.a} ↔ ${p.b}`, p.score.toFixed(4), p.reasons.map((r) => REASON_TEXT[r]).join(', ')])));
  });
  if (report.oversizedKeys.length > 0) {
    out.push('', 'shared by too many customers to be evidence (placeholders?), not paired:');
    out.push(table(report.oversizedKeys.map((o) => [REASON_TEXT[o.reason], o.value, `${o.customers} customers`])));
  }
  return `${out.join('\n')}\n`;
}

export function registerQualityDuplicates(program: Command): void {
  qualityCommand(program)
    .command('duplicates')
    .description('list possible duplicate customers: same tax id, domain or normalised name, or a similar name')
    .option('--threshold <similarity>', 'minimum name similarity (0–1) for "similar name"', String(DEFAULT_DUPLICATE_THRESHOLD))
    .action(
      action(async (opts: { threshold: string }) => {
        const g = program.opts<GlobalOptions>();
        const threshold = Number(opts.threshold);
        if (opts.threshold.trim() === '' || !Number.isFinite(threshold)) {
          throw new DomainError('invalid_input', `--threshold must be a number between 0 and 1, not "${opts.threshold}"`);
        }
        const report = await withCairn(g, (c) => listDuplicateCustomers(c.store, { threshold }));
        process.stdout.write(g.json ? `${JSON.stringify(report)}\n` : render(report, threshold));
        return 0;
      }),
    );
}
