import { type CustomerMergeResult, mergeCustomers } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';
import { qualityCommand } from './quality-duplicates';

function render(r: CustomerMergeResult): string {
  const rows = Object.entries(r.repointed);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const width = Math.max(...rows.map(([t]) => t.length), 'total'.length);
  const lines = [
    `merged customer ${r.droppedId} into ${r.keptId} (merge ${r.mergeId}, by ${r.actor} at ${r.mergedAt.slice(0, 19)} UTC)`,
    'rows re-pointed:',
    ...rows.map(([t, n]) => `  ${t.padEnd(width)}  ${String(n).padStart(6)}`),
    `  ${'total'.padEnd(width)}  ${String(total).padStart(6)}`,
  ];
  if (r.earlierMerges > 0) lines.push(`customers merged earlier into ${r.droppedId}, now pointing at ${r.keptId}: ${r.earlierMerges}`);
  lines.push(
    r.filled.length > 0
      ? `filled on ${r.keptId} from ${r.droppedId}: ${r.filled.join(', ')}`
      : `nothing on ${r.keptId} filled from ${r.droppedId}`,
  );
  lines.push(`${r.droppedId} is kept for lineage; new-logo and cross-sell flags of ${r.keptId} are recomputed`);
  return `${lines.join('\n')}\n`;
}

export function registerQualityMerge(program: Command): void {
  qualityCommand(program)
    .command('merge')
    .description('merge a duplicate customer into the one to keep: re-point all its facts and record the merge')
    .argument('<keep>', 'id of the customer to keep')
    .argument('<drop>', 'id of the duplicate customer to merge into it')
    .action(
      action(async (keepId: string, dropId: string) => {
        const g = program.opts<GlobalOptions>();
        const result = await withCairn(g, (c) => mergeCustomers(c.store, c.settings, { keepId, dropId, actor: c.config.actor }));
        process.stdout.write(g.json ? `${JSON.stringify(result)}\n` : render(result));
        return 0;
      }),
    );
}
