import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';

describe('loadConfig: sessions, sign-in throttling and proxies', () => {
  it('defaults to 30-minute idle and 12-hour sessions, 5 failures per email and 20 per client in 15 minutes', () => {
    const c = loadConfig({});
    expect(c.auth).toEqual({
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      maxFailuresPerEmail: 5,
      maxFailuresPerClient: 20,
      failureWindowMinutes: 15,
    });
    expect(c.trustProxy).toBe(false);
  });

  it('reads each variable and a proxy list', () => {
    const c = loadConfig({
      CAIRN_SESSION_IDLE_MINUTES: '10',
      CAIRN_SESSION_MAX_HOURS: '8',
      CAIRN_SIGN_IN_MAX_FAILURES: '3',
      CAIRN_SIGN_IN_MAX_FAILURES_PER_CLIENT: '50',
      CAIRN_SIGN_IN_WINDOW_MINUTES: '30',
      CAIRN_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    });
    expect(c.auth).toEqual({
      sessionIdleMinutes: 10,
      sessionMaxHours: 8,
      maxFailuresPerEmail: 3,
      maxFailuresPerClient: 50,
      failureWindowMinutes: 30,
    });
    expect(c.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ CAIRN_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('names a bad variable', () => {
    expect(() => loadConfig({ CAIRN_SESSION_IDLE_MINUTES: '0' })).toThrow(/CAIRN_SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ CAIRN_SESSION_IDLE_MINUTES: '120', CAIRN_SESSION_MAX_HOURS: '1' })).toThrow(
      /must not exceed CAIRN_SESSION_MAX_HOURS/,
    );
    expect(() => loadConfig({ CAIRN_TRUST_PROXY: 'yes please' })).toThrow(/CAIRN_TRUST_PROXY/);
  });
});
