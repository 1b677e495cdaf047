/** `cairn user …`: sign-in accounts. The first admin is made here. */
import type { Command } from 'commander';
import { registerUserAdd } from './user-add';
import { registerUserDisable } from './user-disable';
import { registerUserList } from './user-list';
import { registerUserSetPassword } from './user-set-password';

export function registerUser(program: Command): void {
  const user = program.command('user').description('users who sign in: add, list, disable, set a password');
  registerUserAdd(user, program);
  registerUserList(user, program);
  registerUserDisable(user, program);
  registerUserSetPassword(user, program);
}
