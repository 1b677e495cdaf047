/** Revokes an API token; it stops working on the next request. The row stays, as the record of the token. */
import { DomainError } from '@cairn/core/domain';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { timestampAt } from './auth-time';

/** `ownerId` restricts the revocation to that user's tokens; null lets an admin revoke anyone's. */
export async function revokeApiToken(store: Store, req: { tokenId: string; ownerId: string | null }, now: number): Promise<void> {
  const owner = req.ownerId === null ? sql`` : sql` AND user_id = ${param(req.ownerId)}`;
  const found = await store.query<{ revoked_at: string | null }>(
    sql`SELECT revoked_at FROM api_token WHERE id = ${param(req.tokenId)}${owner}`,
  );
  if (found.length === 0) throw new DomainError('not_found', `no API token ${req.tokenId}${req.ownerId === null ? '' : ' of yours'}`);
  if (found[0]?.revoked_at !== null) return;
  await store.query(sql`UPDATE api_token SET revoked_at = ${timestampAt(now)} WHERE id = ${param(req.tokenId)} AND revoked_at IS NULL`);
}
