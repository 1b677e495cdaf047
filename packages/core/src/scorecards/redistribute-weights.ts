/**
 * Missing data is never scored zero. A child without a score gives its weight
 * to its scored siblings in proportion to their own weights, so the parent's
 * score is the weighted mean over the children that have data, and every such
 * move is said in words for the scorecard's reader.
 */

export interface WeightedChild {
  /** How the child is named in a sentence: a KPI id, an objective's name, a perspective. */
  label: string;
  /** Percent of the parent; siblings' weights sum to 100. */
  weight: number;
  score: number | null;
  noDataReason: string | null;
}

export interface Redistribution {
  /** Weighted mean of the children's scores; null when no child has one. */
  score: number | null;
  /** Each child's weight after redistribution, in the children's order; 0 for a child without data. */
  effectiveWeights: number[];
  /** One sentence for each child whose weight went to its siblings. */
  sentences: string[];
}

/** The parent's score from its children's, moving missing children's weight to the present ones. */
export function redistributeWeights(
  parentLabel: string,
  children: readonly Pick<WeightedChild, 'weight' | 'score'>[] | readonly WeightedChild[],
  explain = true,
): Redistribution {
  // Plain loops, summing in the children's order: a full run redistributes millions of times.
  let presentCount = 0;
  let presentWeight = 0;
  let totalWeight = 0;
  let weightedScores = 0;
  for (const c of children) {
    totalWeight += c.weight;
    if (c.score === null) continue;
    presentCount++;
    presentWeight += c.weight;
    weightedScores += c.weight * c.score;
  }
  const effectiveWeights = new Array<number>(children.length);
  if (presentCount === 0 || presentWeight <= 0) {
    effectiveWeights.fill(0);
    return { score: null, effectiveWeights, sentences: NO_SENTENCES };
  }
  const complete = presentCount === children.length;
  for (let i = 0; i < children.length; i++) {
    const c = children[i] as WeightedChild;
    effectiveWeights[i] = c.score === null ? 0 : complete ? c.weight : (c.weight * totalWeight) / presentWeight;
  }
  const score = weightedScores / presentWeight;
  if (!explain || complete) return { score, effectiveWeights, sentences: NO_SENTENCES };
  const named = children as readonly WeightedChild[];
  const present = named.filter((c) => c.score !== null);
  const sentences = named
    .filter((c) => c.score === null)
    .map((missing) => {
      const gains = present.map((p) => `${p.label} (+${formatPct((missing.weight * p.weight) / presentWeight)}%)`);
      const why = missing.noDataReason === null ? '' : ` (${missing.noDataReason})`;
      return `${parentLabel}: ${missing.label} has no data${why}; its ${formatPct(missing.weight)}% went to ${joinWords(gains)}.`;
    });
  return { score, effectiveWeights, sentences };
}

/** Shared by every redistribution without sentences (frozen: nobody adds to it). */
const NO_SENTENCES = Object.freeze([]) as unknown as string[];

/** A percentage for a sentence: at most two decimals, no trailing zeros (display only). */
function formatPct(value: number): string {
  return value.toFixed(2).replace(/\.?0+$/, '');
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
