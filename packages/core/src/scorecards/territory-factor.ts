/**
 * Territory adjustment: a node with more market potential than its peers gets
 * a proportionally larger target. The factor is the node's potential over the
 * mean of its peers' (same level, same period), clamped so one mis-keyed
 * potential cannot set a target at ten times its peers'.
 */
export const TERRITORY_FACTOR_BOUNDS = { min: 0.5, max: 1.5 } as const;

export function territoryFactor(
  potential: number | null,
  peerPotentials: readonly number[],
): { factor: number; step: string } | { factor: null; reason: string } {
  return territoryFactorAmong(potential, peerStats(peerPotentials));
}

/** How many peers have a positive potential, and the mean of those: all a factor needs of its peers. */
export interface PeerStats {
  count: number;
  mean: number;
}

export function peerStats(peerPotentials: readonly number[]): PeerStats {
  let count = 0;
  let sum = 0;
  for (const p of peerPotentials) {
    if (p > 0) {
      count++;
      sum += p;
    }
  }
  return { count, mean: count === 0 ? 0 : sum / count };
}

/** The factor against peers summarised once per level and period (a full run scores thousands of reps against the same peers). */
export function territoryFactorAmong(
  potential: number | null,
  peers: PeerStats,
  explain = true,
): { factor: number; step: string } | { factor: null; reason: string } {
  if (potential === null) return { factor: null, reason: 'no market potential for this node' };
  if (peers.count === 0) return { factor: null, reason: 'no peer has a market potential' };
  const raw = potential / peers.mean;
  const factor = Math.min(TERRITORY_FACTOR_BOUNDS.max, Math.max(TERRITORY_FACTOR_BOUNDS.min, raw));
  if (!explain) return { factor, step: '' };
  const clamped = factor === raw ? '' : ` (clamped from ${raw.toFixed(3)})`;
  return {
    factor,
    step: `× territory potential ${factor.toFixed(3)}${clamped}: this node's potential over the mean of ${peers.count} peers`,
  };
}
