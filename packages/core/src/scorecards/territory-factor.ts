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
  if (potential === null) return { factor: null, reason: 'no market potential for this node' };
  const peers = peerPotentials.filter((p) => p > 0);
  if (peers.length === 0) return { factor: null, reason: 'no peer has a market potential' };
  const mean = peers.reduce((a, b) => a + b, 0) / peers.length;
  const raw = potential / mean;
  const factor = Math.min(TERRITORY_FACTOR_BOUNDS.max, Math.max(TERRITORY_FACTOR_BOUNDS.min, raw));
  const clamped = factor === raw ? '' : ` (clamped from ${raw.toFixed(3)})`;
  return {
    factor,
    step: `× territory potential ${factor.toFixed(3)}${clamped}: this node's potential over the mean of ${peers.length} peers`,
  };
}
