/** `cairn user disable <email>`: the user's sessions and API tokens stop working at once. */
import { disableUser } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';

export function registerUserDisable(user: Command, program: Command): void {
  user
    .command('disable')
    .description('disable a user: their sessions and API tokens stop working at once')
    .argument('<email>', 'the user’s email')
    .action(
      action(async (email: string) => {
        const g = program.opts<GlobalOptions>();
        const u = await withCairn(g, (c) => disableUser(c.store, { email }, { now: Date.now() }));
        process.stdout.write(
          g.json ? `${JSON.stringify(u)}\n` : `disabled ${u.email} (${u.role}); their sessions and API tokens no longer work\n`,
        );
        return 0;
      }),
    );
}
