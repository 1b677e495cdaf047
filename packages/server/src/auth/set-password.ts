/** Sets a user's password and signs them out everywhere: a new password ends the sessions the old one opened. */
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { timestampAt } from './auth-time';
import { hashPassword } from './password-hash';
import { findUser, type UserRef } from './user-record';

export async function setPassword(store: Store, ref: UserRef, password: string, opts: { now: number }): Promise<{ email: string }> {
  const user = await findUser(store, ref);
  const passwordHash = await hashPassword(password);
  await store.session((s) =>
    s.transaction(async () => {
      await s.query(
        sql`UPDATE app_user SET password_hash = ${param(passwordHash)}, password_set_at = ${timestampAt(opts.now)} WHERE id = ${param(user.id)}`,
      );
      await s.query(sql`DELETE FROM user_session WHERE user_id = ${param(user.id)}`);
    }),
  );
  return { email: user.email };
}
