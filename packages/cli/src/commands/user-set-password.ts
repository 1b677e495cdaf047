/** `cairn user set-password <email> [--password-stdin]`: a new password (generated unless read from stdin) ends all their sessions. */
import { generatePassword, setPassword } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';
import { readPasswordFromStdin } from '../read-password';

export function registerUserSetPassword(user: Command, program: Command): void {
  user
    .command('set-password')
    .description('set a user’s password (a forgotten admin password, say); signs them out everywhere')
    .argument('<email>', 'the user’s email')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(
      action(async (email: string, o: { passwordStdin?: boolean }) => {
        const g = program.opts<GlobalOptions>();
        const generated = o.passwordStdin ? null : generatePassword();
        const password = generated ?? (await readPasswordFromStdin());
        const r = await withCairn(g, (c) => setPassword(c.store, { email }, password, { now: Date.now() }));
        if (g.json) process.stdout.write(`${JSON.stringify({ email: r.email, ...(generated ? { password: generated } : {}) })}\n`);
        else {
          process.stdout.write(`set a new password for ${r.email}; their sessions have ended\n`);
          if (generated) process.stdout.write(`password, shown this once: ${generated}\n`);
        }
        return 0;
      }),
    );
}
