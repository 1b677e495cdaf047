/**
 * Checks a strategy-map link ("training completion drives win rate") against
 * the data: does the cause move with the effect, now or a few periods later?
 *
 * Each series is first rank-transformed within its own node and centred on
 * that node's mean rank; the centred ranks of all nodes are then pooled into
 * one correlation. Pooling raw values (or ranking across nodes within each
 * period) would let node size speak: a big region has more training hours and
 * more wins than a small one in every period, so the pooled correlation would
 * be high even if neither series ever moved. A cause-and-effect link claims
 * that when a node does more of the cause than it usually does, it gets more
 * of the effect than it usually gets, which is exactly the within-node
 * comparison. Ranks rather than values keep one node's spike or one large
 * node's wide swings from carrying the result, as in Spearman's rho. With one
 * node (an enterprise map) this is plain Spearman on the lagged pairs.
 *
 * Centring costs one degree of freedom per node, so the p-value uses Student's
 * t with n − nodes − 1 degrees of freedom (n − 2 for one node), not n − 2.
 * Movements common to every node at once (seasonality, a company-wide push)
 * are not removed: pass deseasonalised series when that matters.
 */
import { averageRanks } from './average-ranks';
import { correlationPValue } from './correlation-p-value';
import { formatPValue } from './format-p-value';
import { pearson } from './pearson';

export const LINK_SIGNIFICANCE = 0.05;

/** The link's strength at one lag: cause at period t against effect at period t + lag. */
export type LagStrength =
  | { lag: number; rho: number; n: number; nodes: number; pValue: number; supported: boolean; reason: null }
  | { lag: number; rho: null; n: number; nodes: number; pValue: null; supported: false; reason: string };

export type LinkVerdict =
  | { supported: true; lag: number; rho: number; pValue: number; message: string }
  | { supported: false; lag: null; rho: null; pValue: null; message: string };

export interface LinkStrength {
  expectedSign: 1 | -1;
  lags: LagStrength[];
  verdict: LinkVerdict;
}

type Series = ReadonlyMap<string, readonly (number | null)[]>;

/**
 * The strength of the link from → to at each lag, pooled over the nodes both
 * maps hold (each series over the same ordered periods), and the verdict.
 */
export function linkStrength(from: Series, to: Series, lags: readonly number[] = [0, 1, 2], expectedSign: 1 | -1 = 1): LinkStrength {
  const results = lags.map((lag) => strengthAtLag(from, to, lag, expectedSign));
  return { expectedSign, lags: results, verdict: verdictOf(results, expectedSign) };
}

function strengthAtLag(from: Series, to: Series, lag: number, expectedSign: 1 | -1): LagStrength {
  if (!Number.isInteger(lag) || lag < 0) throw new Error(`a lag is a whole number of periods ≥ 0, got ${lag}`);
  const causes: number[] = [];
  const effects: number[] = [];
  let nodes = 0;
  // Sorted so the floating-point sums, and so the result, do not depend on map order.
  for (const nodeId of [...from.keys()].sort()) {
    const xs = from.get(nodeId) ?? [];
    const ys = to.get(nodeId);
    if (ys === undefined) continue;
    if (xs.length !== ys.length) throw new Error(`node ${nodeId}: cause and effect series differ in length (${xs.length}, ${ys.length})`);
    const pairedX: number[] = [];
    const pairedY: number[] = [];
    for (let t = 0; t + lag < xs.length; t++) {
      const x = xs[t] ?? null;
      const y = ys[t + lag] ?? null;
      if (x === null || y === null) continue;
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`node ${nodeId}: a series holds a non-finite value`);
      pairedX.push(x);
      pairedY.push(y);
    }
    // A single pair centres to (0, 0): it says nothing and would only cost a degree of freedom.
    if (pairedX.length < 2) continue;
    nodes++;
    const meanRank = (pairedX.length + 1) / 2;
    for (const r of averageRanks(pairedX)) causes.push(r - meanRank);
    for (const r of averageRanks(pairedY)) effects.push(r - meanRank);
  }
  const n = causes.length;
  const df = n - nodes - 1;
  if (df < 2)
    return {
      lag,
      rho: null,
      n,
      nodes,
      pValue: null,
      supported: false,
      reason: `${n} pairs in ${nodes} node${nodes === 1 ? '' : 's'}; too few to test`,
    };
  const rho = pearson(causes, effects);
  if (rho === null) return { lag, rho: null, n, nodes, pValue: null, supported: false, reason: 'no variation within any node' };
  const pValue = correlationPValue(rho, df);
  const supported = pValue < LINK_SIGNIFICANCE && Math.sign(rho) === expectedSign;
  return { lag, rho, n, nodes, pValue, supported, reason: null };
}

function verdictOf(results: readonly LagStrength[], expectedSign: 1 | -1): LinkVerdict {
  const best = strongest(results.filter((r) => r.supported));
  if (best !== null) {
    return {
      supported: true,
      lag: best.lag,
      rho: best.rho,
      pValue: best.pValue,
      message: `supported by the data: rho = ${best.rho.toFixed(2)} at a lag of ${periods(best.lag)} (${formatPValue(best.pValue)})`,
    };
  }
  const opposite = strongest(
    results.filter((r) => r.pValue !== null && r.pValue < LINK_SIGNIFICANCE && Math.sign(r.rho ?? 0) === -expectedSign),
  );
  const message =
    opposite === null
      ? 'not supported by the data'
      : `not supported by the data: it shows the opposite relation, rho = ${opposite.rho.toFixed(2)} at a lag of ${periods(opposite.lag)} (${formatPValue(opposite.pValue)})`;
  return { supported: false, lag: null, rho: null, pValue: null, message };
}

type Tested = Extract<LagStrength, { reason: null }>;

/** The result with the largest |rho|; the lag listed first wins a tie. */
function strongest(results: readonly LagStrength[]): Tested | null {
  let best: Tested | null = null;
  for (const r of results) {
    if (r.reason !== null) continue;
    if (best === null || Math.abs(r.rho) > Math.abs(best.rho)) best = r;
  }
  return best;
}

function periods(lag: number): string {
  return lag === 1 ? '1 period' : `${lag} periods`;
}
