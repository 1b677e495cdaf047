/**
 * Users, sessions, API tokens and sign-in failures. No secret is stored as
 * it was handed out: passwords as argon2id hashes, session ids and API
 * tokens as SHA-256 digests, and the keys of sign-in failures (an email or a
 * client address) as digests too, so a leaked table signs no one in and a
 * password typed into the email field is not kept. Everything here lives in
 * the database, so several server processes share sessions and throttling.
 */
import type { TableDef } from '../sql/column-type';
import { col, table } from './table-builder';

export const AUTH_TABLES: TableDef[] = [
  {
    ...table(
      'app_user',
      ['id'],
      [
        col('id', 'text', true),
        /** Trimmed and lower-cased. */
        col('email', 'text', true),
        col('display_name', 'text', true),
        col('role', 'text', true),
        /** A manager's org unit: the root of what they see. */
        col('org_unit_id', 'text'),
        /** A rep's own rep id. */
        col('rep_id', 'text'),
        col('password_hash', 'text', true),
        col('password_set_at', 'timestamp', true),
        col('disabled_at', 'timestamp'),
        col('created_at', 'timestamp', true),
        col('created_by', 'text', true),
      ],
    ),
    unique: [['email']],
  },
  table(
    'user_session',
    ['id_hash'],
    [
      col('id_hash', 'text', true),
      col('user_id', 'text', true),
      col('created_at', 'timestamp', true),
      col('last_seen_at', 'timestamp', true),
      /** The absolute limit: created_at plus the configured maximum session length. */
      col('expires_at', 'timestamp', true),
    ],
    [['user_id']],
  ),
  {
    ...table(
      'api_token',
      ['id'],
      [
        col('id', 'text', true),
        col('user_id', 'text', true),
        col('name', 'text', true),
        col('token_hash', 'text', true),
        /** The first characters of the token, enough to recognise it in a list. */
        col('token_prefix', 'text', true),
        col('created_at', 'timestamp', true),
        col('created_by', 'text', true),
        col('last_used_at', 'timestamp'),
        col('revoked_at', 'timestamp'),
      ],
      [['user_id']],
    ),
    unique: [['token_hash']],
  },
  table('sign_in_failure', undefined, [col('key_hash', 'text', true), col('failed_at', 'timestamp', true)], [['key_hash', 'failed_at']]),
];
