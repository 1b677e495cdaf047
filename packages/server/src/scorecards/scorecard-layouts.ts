/**
 * The layouts stored scorecard summaries are positional against: each
 * template version's tree of ids and weights (scorecardLayout), stored once
 * under the first 16 hex digits of its SHA-256, which every payload names
 * first. A run stores the layouts of its templates before its results, in the
 * same transaction; a reader looks up the ones its rows name.
 */
import { createHash } from 'node:crypto';
import {
  readScorecardSummary,
  type ScorecardLayout,
  type ScorecardSummary,
  type ScorecardTemplate,
  scorecardLayout,
  summaryLayoutId,
} from '@cairn/core/scorecards';
import { joinSql, param, sql } from '@cairn/core/sql';
import type { Session, Store } from '../db/store';
import { nowTimestamp } from '../metrics/store-kpi-definitions';

const IDS = new WeakMap<ScorecardTemplate, { id: string; text: string }>();

/** The template's layout as stored, with its id (computed once per template object). */
export function layoutOf(template: ScorecardTemplate): { id: string; text: string } {
  let got = IDS.get(template);
  if (!got) {
    const text = JSON.stringify(scorecardLayout(template));
    got = { id: createHash('sha256').update(text).digest('hex').slice(0, 16), text };
    IDS.set(template, got);
  }
  return got;
}

/** Stores the layouts of the templates that are not stored yet. */
export async function storeLayouts(s: Session, templates: readonly ScorecardTemplate[]): Promise<void> {
  const at = nowTimestamp();
  for (const t of templates) {
    const { id, text } = layoutOf(t);
    await s.query(sql`INSERT INTO scorecard_layout (layout_id, template_id, template_version, layout, stored_at)
      SELECT ${param(id)}, ${param(t.id)}, ${param(t.version)}, ${param(text)}, CAST(${param(at)} AS TIMESTAMP)
      WHERE NOT EXISTS (SELECT 1 FROM scorecard_layout WHERE layout_id = ${param(id)})`);
  }
}

/** Stored payloads read back as full summaries, in their order, with the layouts they name looked up once. */
export async function readStoredSummaries(store: Store | Session, payloads: readonly string[]): Promise<ScorecardSummary[]> {
  const ids = [...new Set(payloads.map(summaryLayoutId).filter((id): id is string => id !== null))];
  const layouts = new Map<string, ScorecardLayout>();
  if (ids.length > 0) {
    const rows = await store.query<{ layout_id: string; layout: string }>(
      sql`SELECT layout_id, layout FROM scorecard_layout WHERE layout_id IN (${joinSql(ids.map((id) => param(id)))})`,
    );
    for (const r of rows) layouts.set(r.layout_id, JSON.parse(r.layout) as ScorecardLayout);
  }
  return payloads.map((p) => {
    const id = summaryLayoutId(p);
    return readScorecardSummary(p, id === null ? null : (layouts.get(id) ?? null));
  });
}
