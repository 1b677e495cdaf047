import { describe, expect, it } from 'vitest';
import type { Store } from '../db/store';
import { DataStamp, StampedCache } from './data-stamp';

/** A store whose stamp query answers `version`, counting the queries. */
function fakeStore() {
  const state = { version: 1, queries: 0 };
  const store = {
    query: async () => {
      state.queries += 1;
      return [{ imported: state.version }];
    },
  } as unknown as Store;
  return { store, state };
}

describe('DataStamp and StampedCache', () => {
  it('reads the stamp at most once per max age, and again at once after invalidate', async () => {
    const { store, state } = fakeStore();
    let now = 0;
    const stamp = new DataStamp(store, 1_000, () => now);
    expect(await Promise.all([stamp.current(), stamp.current()])).toEqual(['1', '1']);
    expect(state.queries).toBe(1);
    state.version = 2;
    now = 999;
    expect(await stamp.current()).toBe('1');
    now = 1_000;
    expect(await stamp.current()).toBe('2');
    state.version = 3;
    stamp.invalidate();
    expect(await stamp.current()).toBe('3');
    expect(state.queries).toBe(3);
  });

  it('computes a key once per stamp, shared by concurrent readers, and afresh under a new stamp', async () => {
    const { store, state } = fakeStore();
    const stamp = new DataStamp(store, 60_000);
    const cache = new StampedCache<{ n: number }>(stamp, 10);
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect(a).toBe(b);
    expect(await cache.get('k', compute)).toBe(a);
    expect(computed).toBe(1);
    state.version = 2;
    stamp.invalidate();
    expect(await cache.get('k', compute)).toEqual({ n: 2 });
  });

  it('keeps no failed computation, and drops the least recently used key past its size', async () => {
    const { store } = fakeStore();
    const cache = new StampedCache<{ n: number }>(new DataStamp(store, 60_000), 2);
    let computed = 0;
    await expect(cache.get('bad', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.resolve();
    expect(await cache.get('bad', async () => ({ n: ++computed }))).toEqual({ n: 1 });
    await cache.get('b', async () => ({ n: ++computed }));
    await cache.get('c', async () => ({ n: ++computed }));
    expect(await cache.get('bad', async () => ({ n: ++computed }))).toEqual({ n: 4 });
  });
});
