/**
 * The cause-and-effect links of a template's strategy map. A link joins two
 * different objectives of the same template, says why, and appears once; the
 * links must form no cycle, since a strategy map reads from causes (learning
 * & growth) up to effects (financial) and a loop has no start.
 */
import type { Diagnostic } from '../domain/domain-error';
import type { ObjectiveLink } from './scorecard-types';
import { LINK, parseAt, pathOf } from './template-schema';

/** The links when all are valid, else null in `links` after adding every problem to `diagnostics`. */
export function checkObjectiveLinks(
  raw: readonly unknown[],
  objectiveIds: ReadonlySet<string>,
  base: string,
  diagnostics: Diagnostic[],
): ObjectiveLink[] | null {
  const before = diagnostics.length;
  const links: ObjectiveLink[] = [];
  const seen = new Map<string, number>();
  raw.forEach((value, i) => {
    const link = parseAt(LINK, value, pathOf(base, i), diagnostics);
    if (link === null) return;
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      if (!objectiveIds.has(link[end])) {
        diagnostics.push({ path: pathOf(base, i, end), message: `unknown objective \`${link[end]}\` (${[...objectiveIds].join(', ')})` });
        ok = false;
      }
    }
    if (link.from === link.to) {
      diagnostics.push({ path: pathOf(base, i), message: `objective \`${link.from}\` cannot link to itself` });
      ok = false;
    }
    const key = `${link.from}→${link.to}`;
    const first = seen.get(key);
    if (first !== undefined) {
      diagnostics.push({ path: pathOf(base, i), message: `the link ${link.from} → ${link.to} is already at ${pathOf(base, first)}` });
      ok = false;
    }
    seen.set(key, i);
    if (ok) links.push({ from: link.from, to: link.to, rationale: link.rationale });
  });
  for (const cycle of findCycles(links)) {
    diagnostics.push({ path: pathOf(base), message: `links form a cycle: ${cycle.join(' → ')}` });
  }
  return diagnostics.length > before ? null : links;
}

/** Each distinct cycle once, starting from its smallest objective id and ending where it started. */
function findCycles(links: readonly ObjectiveLink[]): string[][] {
  const next = new Map<string, string[]>();
  for (const l of links) next.set(l.from, [...(next.get(l.from) ?? []), l.to]);
  const done = new Set<string>();
  const found = new Map<string, string[]>();
  const visit = (id: string, stack: string[]) => {
    const at = stack.indexOf(id);
    if (at >= 0) {
      const loop = stack.slice(at);
      const start = loop.indexOf([...loop].sort()[0] as string);
      const rotated = [...loop.slice(start), ...loop.slice(0, start)];
      found.set(rotated.join(' '), [...rotated, rotated[0] as string]);
      return;
    }
    if (done.has(id)) return;
    for (const to of next.get(id) ?? []) visit(to, [...stack, id]);
    done.add(id);
  };
  for (const id of [...next.keys()].sort()) visit(id, []);
  return [...found.values()];
}
