/**
 * Disables a user. Their sessions are deleted, and since every request
 * checks the user's disabled_at, a session or API token in flight stops
 * working at once too. The last enabled admin cannot be disabled, so the
 * instance is never left without one.
 */
import type { UserSummary } from '@cairn/core/contract';
import { DomainError } from '@cairn/core/domain';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { timestampAt } from './auth-time';
import { findUser, toUserSummary, type UserRef } from './user-record';

export async function disableUser(store: Store, ref: UserRef, opts: { now: number }): Promise<UserSummary> {
  return store.session((s) =>
    s.transaction(async () => {
      const user = await findUser(s, ref);
      if (user.disabled_at !== null) return toUserSummary(user);
      if (user.role === 'admin') {
        const others = await s.query(
          sql`SELECT 1 AS x FROM app_user WHERE role = 'admin' AND disabled_at IS NULL AND id <> ${param(user.id)}`,
        );
        if (others.length === 0) throw new DomainError('conflict', `${user.email} is the last enabled admin; add another admin first`);
      }
      await s.query(sql`UPDATE app_user SET disabled_at = ${timestampAt(opts.now)} WHERE id = ${param(user.id)}`);
      await s.query(sql`DELETE FROM user_session WHERE user_id = ${param(user.id)}`);
      return toUserSummary(await findUser(s, { id: user.id }));
    }),
  );
}
