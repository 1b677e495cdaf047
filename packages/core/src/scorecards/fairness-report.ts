/**
 * Is the scorecard fair to the reps it scores? Compares scores across groups a
 * rep does not choose: the market potential of their territory (quartiles),
 * their tenure, and their training cohort. Each comparison gives the score
 * distribution per group and a Kruskal–Wallis test across the groups; a
 * difference unlikely to be chance (p < 0.05) is flagged in words, naming the
 * lowest- and highest-scoring groups by median. A flag is a question for the
 * governance board (are targets territory-adjusted enough? is ramp time
 * allowed for?), not a verdict. Reps without a score are counted, never
 * scored as zero; a rep missing one attribute still counts in the others.
 *
 * Each comparison looks at one attribute alone: when senior reps hold the rich
 * territories, tenure and potential may both flag the same effect. And three
 * tests at 5% each flag something by chance in roughly one report in seven
 * where nothing is unfair, which is why a flag carries its p-value.
 */
import { assertNever } from '../domain/assert-never';
import { formatPValue } from './format-p-value';
import { type KruskalWallisResult, kruskalWallis } from './kruskal-wallis';
import { quantileSorted } from './quantile-sorted';

export const FAIRNESS_SIGNIFICANCE = 0.05;
/** Below this many reps in a group the chi-square approximation of H is rough. */
export const FAIRNESS_SMALL_GROUP = 5;

export const FAIRNESS_DIMENSIONS = ['market_potential', 'tenure', 'training_cohort'] as const;
export type FairnessDimension = (typeof FAIRNESS_DIMENSIONS)[number];

/** Tenure bands by days since hire: 6 months = 183 days (half of 365.25, rounded up), a year = 365 days. */
export const TENURE_BANDS = [
  { key: 'under_6_months', label: '<6 months', belowDays: 183 },
  { key: '6_to_12_months', label: '6–12 months', belowDays: 365 },
  { key: '1_to_2_years', label: '1–2 years', belowDays: 730 },
  { key: '2_years_plus', label: '2+ years', belowDays: Number.POSITIVE_INFINITY },
] as const;

export interface RepForFairness {
  repId: string;
  /** The rep's overall scorecard score, 0–10. */
  score: number | null;
  marketPotential: number | null;
  tenureDays: number | null;
  trainingCohort: string | null;
}

export interface FairnessGroup {
  key: string;
  label: string;
  /** For market-potential quartiles: the potentials the quartile covers, (above, atMost]; null otherwise. */
  range: { above: number | null; atMost: number | null } | null;
  n: number;
  mean: number;
  median: number;
  p25: number;
  p75: number;
}

export interface FairnessComparison {
  dimension: FairnessDimension;
  /** Non-empty groups, in their natural order (Q1..Q4, shortest tenure first, cohorts by name). */
  groups: FairnessGroup[];
  /** Scored reps left out of this comparison because the attribute is missing. */
  missing: number;
  test: KruskalWallisResult;
  flag: { message: string } | null;
  /** A warning about reading the test, e.g. when some groups are very small. */
  note: string | null;
}

export interface FairnessReport {
  scored: number;
  /** Reps left out of every comparison because they have no score. */
  withoutScore: number;
  comparisons: FairnessComparison[];
}

type Scored = RepForFairness & { score: number };
type Assignment = { key: string; label: string; range: FairnessGroup['range'] } | null;

/** Score distributions by market-potential quartile, tenure band and training cohort, each tested for a difference. */
export function fairnessReport(reps: readonly RepForFairness[]): FairnessReport {
  const scored: Scored[] = [];
  for (const rep of reps) {
    if (rep.score === null) continue;
    if (!Number.isFinite(rep.score)) throw new Error(`rep ${rep.repId}: score is not a finite number`);
    scored.push({ ...rep, score: rep.score });
  }
  return {
    scored: scored.length,
    withoutScore: reps.length - scored.length,
    comparisons: FAIRNESS_DIMENSIONS.map((dimension) => compare(dimension, scored)),
  };
}

function compare(dimension: FairnessDimension, reps: readonly Scored[]): FairnessComparison {
  const assign = assigner(dimension, reps);
  const byKey = new Map<string, { assignment: NonNullable<Assignment>; scores: number[] }>();
  let missing = 0;
  for (const rep of reps) {
    const assignment = assign(rep);
    if (assignment === null) {
      missing++;
      continue;
    }
    const group = byKey.get(assignment.key) ?? { assignment, scores: [] };
    group.scores.push(rep.score);
    byKey.set(assignment.key, group);
  }
  const ordered = [...byKey.values()].sort((a, b) => order(dimension, a.assignment.key, b.assignment.key));
  const groups = ordered.map(({ assignment, scores }) => ({ ...assignment, ...summarise(scores) }));
  const test = kruskalWallis(ordered.map((g) => g.scores));
  const small = groups.filter((g) => g.n < FAIRNESS_SMALL_GROUP).map((g) => g.label);
  const note =
    small.length > 0 && groups.length > 1
      ? `fewer than ${FAIRNESS_SMALL_GROUP} reps in ${small.join(', ')}: the p-value is a rough approximation`
      : null;
  return { dimension, groups, missing, test, flag: flagOf(dimension, groups, test), note };
}

function assigner(dimension: FairnessDimension, reps: readonly Scored[]): (rep: Scored) => Assignment {
  switch (dimension) {
    case 'market_potential':
      return potentialQuartiles(reps);
    case 'tenure':
      return (rep) => tenureBand(rep);
    case 'training_cohort':
      return (rep) => {
        const cohort = rep.trainingCohort?.trim() ?? '';
        return cohort === '' ? null : { key: cohort, label: cohort, range: null };
      };
    default:
      return assertNever(dimension, 'fairness dimension');
  }
}

/** Quartiles of the potentials of the reps compared: Q1 up to the 25th percentile, Q4 above the 75th. */
function potentialQuartiles(reps: readonly Scored[]): (rep: Scored) => Assignment {
  const potentials = reps.flatMap((r) => (r.marketPotential === null ? [] : [r.marketPotential])).sort((a, b) => a - b);
  if (potentials.length === 0) return () => null;
  const cuts = [0.25, 0.5, 0.75].map((p) => quantileSorted(potentials, p));
  const bounds = [null, ...cuts, null];
  return (rep) => {
    const potential = rep.marketPotential;
    if (potential === null) return null;
    const index = cuts.findIndex((cut) => potential <= cut);
    const q = index === -1 ? 3 : index;
    const above = bounds[q] ?? null;
    const atMost = bounds[q + 1] ?? null;
    return { key: `Q${q + 1}`, label: `Q${q + 1} (${rangeText(above, atMost)})`, range: { above, atMost } };
  };
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function rangeText(above: number | null, atMost: number | null): string {
  if (above === null) return `≤ ${NUMBER.format(atMost ?? 0)}`;
  if (atMost === null) return `> ${NUMBER.format(above)}`;
  return `${NUMBER.format(above)}–${NUMBER.format(atMost)}`;
}

function tenureBand(rep: Scored): Assignment {
  if (rep.tenureDays === null) return null;
  if (rep.tenureDays < 0) throw new Error(`rep ${rep.repId}: negative tenure (${rep.tenureDays} days)`);
  const days = rep.tenureDays;
  const band = TENURE_BANDS.find((b) => days < b.belowDays);
  return band === undefined ? null : { key: band.key, label: band.label, range: null };
}

function order(dimension: FairnessDimension, a: string, b: string): number {
  switch (dimension) {
    case 'market_potential':
    case 'training_cohort':
      return a < b ? -1 : a > b ? 1 : 0;
    case 'tenure':
      return TENURE_BANDS.findIndex((t) => t.key === a) - TENURE_BANDS.findIndex((t) => t.key === b);
    default:
      return assertNever(dimension, 'fairness dimension');
  }
}

function summarise(scores: readonly number[]): Pick<FairnessGroup, 'n' | 'mean' | 'median' | 'p25' | 'p75'> {
  const sorted = [...scores].sort((a, b) => a - b);
  return {
    n: sorted.length,
    mean: sorted.reduce((sum, s) => sum + s, 0) / sorted.length,
    median: quantileSorted(sorted, 0.5),
    p25: quantileSorted(sorted, 0.25),
    p75: quantileSorted(sorted, 0.75),
  };
}

function flagOf(dimension: FairnessDimension, groups: readonly FairnessGroup[], test: KruskalWallisResult): { message: string } | null {
  if (test.reason !== null || test.pValue >= FAIRNESS_SIGNIFICANCE) return null;
  let lowest = groups[0];
  let highest = groups[0];
  for (const g of groups) {
    if (lowest === undefined || g.median < lowest.median) lowest = g;
    if (highest === undefined || g.median > highest.median) highest = g;
  }
  if (lowest === undefined || highest === undefined) return null;
  const gap = highest.median - lowest.median;
  return {
    message:
      `Scores differ by ${dimensionText(dimension)} (Kruskal–Wallis H = ${test.h.toFixed(2)}, ${test.df} df, ${formatPValue(test.pValue)}): ` +
      `${lowest.label} has the lowest median score (${lowest.median.toFixed(1)}) and ${highest.label} the highest ` +
      `(${highest.median.toFixed(1)}), a gap of ${gap.toFixed(1)} points.`,
  };
}

function dimensionText(dimension: FairnessDimension): string {
  switch (dimension) {
    case 'market_potential':
      return 'territory market-potential quartile';
    case 'tenure':
      return 'tenure';
    case 'training_cohort':
      return 'training cohort';
    default:
      return assertNever(dimension, 'fairness dimension');
  }
}
