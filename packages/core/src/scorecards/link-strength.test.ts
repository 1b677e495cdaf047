import { describe, expect, it } from 'vitest';
import { rngFor } from '../demo/prng';
import { linkStrength } from './link-strength';
import { spearman } from './spearman';

type Series = Map<string, (number | null)[]>;

const PERIODS = 24;

/**
 * Eight nodes of very different sizes (1× to 36×), one seeded stream each.
 * `effect(cause, t, noise)` builds the effect series from the cause series.
 */
function fixture(seed: number, effect: (cause: readonly number[], t: number, noise: number) => number): { from: Series; to: Series } {
  const from: Series = new Map();
  const to: Series = new Map();
  for (let node = 0; node < 8; node++) {
    const rng = rngFor(seed, 1, node);
    const size = (node + 1) ** 2 / 2 + 0.5;
    const cause = Array.from({ length: PERIODS }, () => size * (100 + 20 * rng.normal()));
    from.set(`node-${node}`, cause);
    to.set(
      `node-${node}`,
      cause.map((_, t) => effect(cause, t, size * rng.normal())),
    );
  }
  return { from, to };
}

describe('linkStrength', () => {
  it('finds an effect that follows its cause one period later', () => {
    // effect(t) = 0.5 × cause(t − 1) + noise of a tenth of the cause's spread; the first period has no cause yet
    const { from, to } = fixture(42, (cause, t, noise) => (t === 0 ? 50 : 0.5 * (cause[t - 1] ?? 0)) + noise);
    const got = linkStrength(from, to);
    const [lag0, lag1, lag2] = got.lags;
    expect(lag1).toMatchObject({ lag: 1, supported: true, n: 8 * 23, nodes: 8 });
    expect(lag1?.rho).toBeGreaterThan(0.9);
    expect(lag0?.supported).toBe(false);
    expect(lag2?.supported).toBe(false);
    expect(got.verdict).toMatchObject({ supported: true, lag: 1 });
    expect(got.verdict.message).toMatch(/^supported by the data: rho = 0\.9\d at a lag of 1 period \(p < 0\.001\)$/);
  });

  it('finds nothing between independent series, at any lag', () => {
    const { from, to } = fixture(7, (_cause, _t, noise) => 10 * noise);
    const got = linkStrength(from, to);
    expect(got.lags.map((l) => l.supported)).toEqual([false, false, false]);
    expect(got.verdict).toEqual({ supported: false, lag: null, rho: null, pValue: null, message: 'not supported by the data' });
  });

  it('is not fooled by node size: big nodes have more of both, but neither moves with the other', () => {
    const { from, to } = fixture(7, (_cause, _t, noise) => 10 * noise);
    // Shift every effect by 100 × the node's size: big nodes now have big effects as well as big causes.
    const sized: Series = new Map([...to].map(([id, ys], node) => [id, ys.map((y) => (y ?? 0) + 100 * ((node + 1) ** 2 / 2 + 0.5))]));
    const pooledRaw = spearman([...from.values()].flat() as number[], [...sized.values()].flat() as number[]);
    expect(pooledRaw.rho).toBeGreaterThan(0.8);
    expect(linkStrength(from, sized).verdict.supported).toBe(false);
  });

  it('supports a negative link when the link expects one: more cross-sell, less churn two periods later', () => {
    // churn(t) = 20 − 0.1 × cross-sell ratio(t − 2) + noise
    const { from, to } = fixture(11, (cause, t, noise) => 20 - 0.1 * (cause[t - 2] ?? 100) + 0.2 * noise);
    const got = linkStrength(from, to, [0, 1, 2], -1);
    expect(got.lags[2]).toMatchObject({ lag: 2, supported: true });
    expect(got.lags[2]?.rho).toBeLessThan(-0.8);
    expect(got.verdict).toMatchObject({ supported: true, lag: 2 });
  });

  it('says when the data show the opposite of the expected relation', () => {
    const { from, to } = fixture(11, (cause, t, noise) => 20 - 0.1 * (cause[t - 2] ?? 100) + 0.2 * noise);
    const got = linkStrength(from, to, [0, 1, 2], 1);
    expect(got.lags[2]).toMatchObject({ supported: false });
    expect(got.verdict.supported).toBe(false);
    expect(got.verdict.message).toMatch(/^not supported by the data: it shows the opposite relation, rho = -0\.\d\d at a lag of 2 periods/);
  });

  it('pools centred within-node ranks, with one degree of freedom spent per node', () => {
    // A: cause ranks 1, 2, 3 and effect ranks 1, 3, 2, centred: (−1, −1), (0, 1), (1, 0)
    // B: both ranked 1, 2, 3, centred: (−1, −1), (0, 0), (1, 1) — B's hundredfold scale does not matter
    // Σab = 1 + 0 + 0 + 1 + 0 + 1 = 3, Σa² = Σb² = 4, rho = 3/4; df = 6 pairs − 2 nodes − 1 = 3
    // t = 0.75·√(3/0.4375) = 1.96396; scipy: 2·t.sf(1.96396, 3) = 0.14429361281438755
    const from = new Map([
      ['A', [1, 2, 3]],
      ['B', [100, 200, 300]],
    ]);
    const to = new Map([
      ['A', [10, 30, 20]],
      ['B', [5, 6, 7]],
    ]);
    const [lag0] = linkStrength(from, to, [0]).lags;
    expect(lag0).toMatchObject({ lag: 0, n: 6, nodes: 2, supported: false, reason: null });
    expect(lag0?.rho).toBeCloseTo(0.75, 12);
    expect(lag0?.pValue).toBeCloseTo(0.14429361281438755, 10);
  });

  it('is plain Spearman on the lagged pairs for a single node, skipping missing periods', () => {
    // lag 1 pairs: (1, 1), (2, 3), (3, 2), (4, 5), (5, 4); the null cause and the pair (6, null) are skipped.
    // Σd² = 0 + 1 + 1 + 1 + 1 = 4, rho = 1 − 6·4/(5·24) = 0.8; scipy.stats.spearmanr: p = 0.10408803866182788
    const from = new Map([['enterprise', [1, 2, 3, 4, 5, null, 6, 7]]]);
    const to = new Map([['enterprise', [0, 1, 3, 2, 5, 4, 9, null]]]);
    const [lag1] = linkStrength(from, to, [1]).lags;
    expect(lag1).toMatchObject({ lag: 1, n: 5, nodes: 1 });
    expect(lag1?.rho).toBeCloseTo(0.8, 12);
    expect(lag1?.pValue).toBeCloseTo(0.10408803866182788, 10);
    expect(lag1?.rho).toBeCloseTo(spearman([1, 2, 3, 4, 5], [1, 3, 2, 5, 4]).rho ?? 0, 12);
  });

  it('reports too few pairs, and no variation, instead of a coefficient', () => {
    const short = linkStrength(new Map([['a', [1, 2, 3]]]), new Map([['a', [2, 1, 3]]]), [0, 1]);
    expect(short.lags[0]).toMatchObject({ rho: null, n: 3, nodes: 1, reason: '3 pairs in 1 node; too few to test' });
    expect(short.lags[1]).toMatchObject({ rho: null, n: 2, nodes: 1 });
    const flat = linkStrength(new Map([['a', [4, 4, 4, 4, 4]]]), new Map([['a', [1, 2, 3, 4, 5]]]), [0]);
    expect(flat.lags[0]).toMatchObject({ rho: null, reason: 'no variation within any node' });
    expect(flat.verdict.message).toBe('not supported by the data');
  });

  it('refuses a negative lag and series of different lengths, which are bugs in the caller', () => {
    expect(() => linkStrength(new Map([['a', [1]]]), new Map([['a', [1]]]), [-1])).toThrow(/lag/);
    expect(() => linkStrength(new Map([['a', [1, 2]]]), new Map([['a', [1]]]), [0])).toThrow(/differ in length/);
  });
});
