/**
 * `cairn user add | list | disable` as an operator runs them (spawned, on a
 * DuckDB file): the first admin from a password on stdin, another user with
 * a generated password printed once, and sign-in afterwards as each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_POLICY } from '../packages/server/src/auth/auth-policy';
import { signIn } from '../packages/server/src/auth/sign-in';
import { openStore } from '../packages/server/src/db/open-store';
import { createTestLocation } from '../test-support/test-stores';
import { runCli } from './support/run-cli';

describe('cairn user (duckdb, spawned CLI)', () => {
  let location: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ location, drop } = await createTestLocation('duckdb'));
  });
  afterAll(async () => drop());

  it('adds the first admin and a generated-password user, lists them, disables one, and only the enabled one signs in', async () => {
    const env = { CAIRN_LOG_LEVEL: 'silent' };
    const admin = await runCli(
      ['--db', location, 'user', 'add', '--email', 'Boss@Example.com', '--role', 'admin', '--password-stdin'],
      env,
      'first-admin-pass-1\n',
    );
    expect(admin.stderr).toBe('');
    expect(admin.stdout).toBe('added admin boss@example.com (boss)\n');
    const fin = await runCli(
      ['--db', location, '--json', 'user', 'add', '--email', 'fin@example.com', '--role', 'finance', '--name', 'Fin Ance'],
      env,
    );
    expect(fin.code, fin.stderr).toBe(0);
    const added = JSON.parse(fin.stdout);
    expect(added.user).toMatchObject({ email: 'fin@example.com', role: 'finance', displayName: 'Fin Ance' });
    expect(added.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const list = await runCli(['--db', location, '--json', 'user', 'list'], env);
    expect(JSON.parse(list.stdout).items.map((u: { email: string }) => u.email)).toEqual(['boss@example.com', 'fin@example.com']);
    const off = await runCli(['--db', location, 'user', 'disable', 'fin@example.com'], env);
    expect(off.stdout).toContain('disabled fin@example.com');

    const store = await openStore(location, { memoryLimit: '1GB' });
    try {
      const now = Date.now();
      const ok = await signIn(
        store,
        DEFAULT_AUTH_POLICY,
        { email: 'boss@example.com', password: 'first-admin-pass-1', client: 'cli-test' },
        now,
      );
      expect(ok.viewer.role).toBe('admin');
      await expect(
        signIn(store, DEFAULT_AUTH_POLICY, { email: 'fin@example.com', password: added.password, client: 'cli-test' }, now),
      ).rejects.toThrow('the email or password is wrong');
    } finally {
      await store.close();
    }
  });
});
