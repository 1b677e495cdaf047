/** `cairn user list [--limit n] [--offset n]`: users by email, with role, attachment and status. */
import type { UserPage } from '@cairn/core/contract';
import { listUsers } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';

function render(page: UserPage): string {
  if (page.total === 0) return 'no users yet: add the first admin with `cairn user add --email … --role admin`\n';
  const rows = [
    ['email', 'role', 'name', 'attached to', 'created', 'status'],
    ...page.items.map((u) => [
      u.email,
      u.role,
      u.displayName,
      u.orgUnitId ? `org unit ${u.orgUnitId}` : u.repId ? `rep ${u.repId}` : '',
      u.createdAt.slice(0, 10),
      u.disabledAt ? `disabled ${u.disabledAt.slice(0, 10)}` : 'active',
    ]),
  ];
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const shown = page.items.length;
  if (shown < page.total)
    lines.push(`(${page.offset + 1}–${page.offset + shown} of ${page.total}; --offset ${page.offset + shown} for more)`);
  return `${lines.join('\n')}\n`;
}

export function registerUserList(user: Command, program: Command): void {
  user
    .command('list')
    .description('list users by email')
    .option('--limit <n>', 'how many (at most 500)', '100')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      action(async (o: { limit: string; offset: string }) => {
        const g = program.opts<GlobalOptions>();
        const page = await withCairn(g, (c) => listUsers(c.store, { limit: Number(o.limit) || 100, offset: Number(o.offset) || 0 }));
        process.stdout.write(g.json ? `${JSON.stringify(page)}\n` : render(page));
        return 0;
      }),
    );
}
