/**
 * `cairn user add --email … --role … [--name] [--org-unit] [--rep] [--password-stdin]`:
 * adds a user. Without --password-stdin a password is generated and printed
 * once; nothing is ever prompted for, so scripts and CI can run it.
 */
import { USER_ROLES, type UserRole } from '@cairn/core/contract';
import { createUser, generatePassword } from '@cairn/server';
import { type Command, Option } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';
import { readPasswordFromStdin } from '../read-password';

interface AddOptions {
  email: string;
  role: UserRole;
  name?: string;
  orgUnit?: string;
  rep?: string;
  passwordStdin?: boolean;
}

export function registerUserAdd(user: Command, program: Command): void {
  user
    .command('add')
    .description('add a user who signs in with email and password (the first admin is made this way)')
    .requiredOption('--email <email>', 'their email, which they sign in with')
    .addOption(new Option('--role <role>', 'what they do in Cairn').choices(USER_ROLES).makeOptionMandatory())
    .option('--name <name>', 'display name (default: the rep’s name, or the email’s local part)')
    .option('--org-unit <id>', 'a manager’s org unit: the root of what they see')
    .option('--rep <id>', 'a rep user’s own rep id')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(
      action(async (o: AddOptions) => {
        const g = program.opts<GlobalOptions>();
        const generated = o.passwordStdin ? null : generatePassword();
        const password = generated ?? (await readPasswordFromStdin());
        const added = await withCairn(g, (c) =>
          createUser(
            c.store,
            {
              email: o.email,
              role: o.role,
              password,
              ...(o.name ? { displayName: o.name } : {}),
              ...(o.orgUnit ? { orgUnitId: o.orgUnit } : {}),
              ...(o.rep ? { repId: o.rep } : {}),
            },
            { actor: c.config.actor, now: Date.now() },
          ),
        );
        if (g.json) {
          process.stdout.write(`${JSON.stringify({ user: added, ...(generated ? { password: generated } : {}) })}\n`);
        } else {
          const attached = added.orgUnitId ? ` of org unit ${added.orgUnitId}` : added.repId ? ` for rep ${added.repId}` : '';
          process.stdout.write(`added ${added.role} ${added.email} (${added.displayName})${attached}\n`);
          if (generated) process.stdout.write(`password, shown this once: ${generated}\n`);
        }
        return 0;
      }),
    );
}
