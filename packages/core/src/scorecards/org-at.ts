/**
 * The org chart on a given day: a rep's team is the assignment in force that
 * day (history, not today's chart), an org unit's parent is its parent. Used
 * to place a node under its parent in the scorecard tree, to find the region
 * whose tolerance applies, and to sum territory potential up the tree.
 */
import { type Assignment, nodeKey, type ScorecardData } from './scorecard-inputs';

/** The assignment in force on `date` (valid_from inclusive, valid_to exclusive). */
export function assignmentAt(list: readonly Assignment[] | undefined, date: string): Assignment | null {
  if (!list) return null;
  for (let i = list.length - 1; i >= 0; i--) {
    const a = list[i] as Assignment;
    if (a.validFrom <= date && (a.validTo === null || date < a.validTo)) return a;
  }
  return null;
}

/**
 * The parent node's key on `date`, or null at the top (or for a rep with no assignment). `memo` holds
 * parents already found on the same date (a full run places thousands of nodes under the same few).
 */
export function parentAt(data: ScorecardData, key: string, date: string, memo?: Map<string, string | null>): string | null {
  if (memo) {
    const known = memo.get(key);
    if (known !== undefined) return known;
    const found = parentOn(data, key, date);
    memo.set(key, found);
    return found;
  }
  return parentOn(data, key, date);
}

function parentOn(data: ScorecardData, key: string, date: string): string | null {
  const node = data.nodes.get(key);
  if (!node) return null;
  if (node.kind === 'rep') {
    const a = assignmentAt(data.assignments.get(node.id), date);
    if (!a) return null;
    const unit = [...ORG_KINDS].map((k) => nodeKey(k, a.orgUnitId)).find((k) => data.nodes.has(k));
    return unit ?? null;
  }
  if (node.parentId === null) return null;
  return [...ORG_KINDS].map((k) => nodeKey(k, node.parentId as string)).find((k) => data.nodes.has(k)) ?? null;
}

const ORG_KINDS = ['team', 'region', 'division', 'enterprise'] as const;

/** The node and every ancestor on `date`, nearest first. */
export function chainAt(data: ScorecardData, key: string, date: string, memo?: Map<string, string | null>): string[] {
  const chain: string[] = [];
  for (let k: string | null = key; k !== null && chain.length < 12; k = parentAt(data, k, date, memo)) chain.push(k);
  return chain;
}

/** The region a node belongs to on `date` (itself when it is a region), or null above regions. */
export function regionAt(data: ScorecardData, key: string, date: string, memo?: Map<string, string | null>): string | null {
  for (const k of chainAt(data, key, date, memo)) if (k.startsWith('region:')) return k.slice('region:'.length);
  return null;
}

/**
 * Market potential of every node on `date`: a rep's is its territory's, a
 * unit's is the sum over the distinct territories of the reps under it.
 */
export function potentialsAt(data: ScorecardData, date: string, memo?: Map<string, string | null>): Map<string, number> {
  const territories = new Map<string, Set<string>>();
  for (const [repId, list] of data.assignments) {
    const a = assignmentAt(list, date);
    if (!a?.territoryId || !data.territoryPotential.has(a.territoryId)) continue;
    for (const k of chainAt(data, nodeKey('rep', repId), date, memo)) {
      let set = territories.get(k);
      if (!set) {
        set = new Set();
        territories.set(k, set);
      }
      set.add(a.territoryId);
    }
  }
  const out = new Map<string, number>();
  for (const [k, set] of territories) {
    let sum = 0;
    for (const t of set) sum += data.territoryPotential.get(t) ?? 0;
    out.set(k, sum);
  }
  return out;
}
