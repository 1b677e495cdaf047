/**
 * Scorecards end to end on fixtures/company-kpi, on every engine: import,
 * compute KPIs, score every node and period, then read them back the ways a
 * user does. A region's KPI on its scorecard is the engine's value for the
 * region, never the mean of its teams'; overrides and tolerances show up with
 * their reasons; and DuckDB and PostgreSQL store the same scores.
 *
 * The company (see fixtures/company-kpi/README.md): ENT → DIV → REG → T1, T2.
 * In FY2024-Q1 RA closes 4 deals and wins 1, RB wins her only deal (both T1),
 * RC wins his only deal while in T2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KpiCatalog } from '@cairn/core/metrics';
import { type ScorecardTemplate, summariseScorecard } from '@cairn/core/scorecards';
import { sql } from '@cairn/core/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../packages/server/src/ingest/import-file';
import { computeKpis } from '../packages/server/src/metrics/compute-kpis';
import { kpiValueSeries } from '../packages/server/src/metrics/kpi-value-series';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { buildStrategyMap } from '../packages/server/src/scorecards/build-strategy-map';
import { computeScorecards } from '../packages/server/src/scorecards/compute-scorecards';
import { readStoredSummaries } from '../packages/server/src/scorecards/scorecard-layouts';
import { readScorecardTemplates } from '../packages/server/src/scorecards/read-scorecard-templates';
import { storeFileTemplates } from '../packages/server/src/scorecards/save-scorecard-template';
import { setRegionTolerance, setTargetOverride } from '../packages/server/src/scorecards/set-target-override';
import { showScorecard } from '../packages/server/src/scorecards/show-scorecard';
import { createTestStore, type EngineName, type TestStore, testEngines } from '../test-support/test-stores';
import { importFixture, KPI_FIXTURE, KPI_SETTINGS } from './metrics-support';

interface ResultRow {
  node_kind: string;
  node_id: string;
  period_label: string;
  parent_id: string | null;
  template_id: string;
  score: number | null;
  band: string;
}

const stored = new Map<EngineName, ResultRow[]>();
let catalog: KpiCatalog;

const kpiOf = (card: Awaited<ReturnType<typeof showScorecard>>['scorecard'], id: string) =>
  card.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis)).find((k) => k.kpiId === id);

describe.each(testEngines())('scorecards on company-kpi (%s)', (engine) => {
  let t: TestStore;
  let templates: ScorecardTemplate[];

  beforeAll(async () => {
    catalog = readKpiCatalog();
    t = await createTestStore(engine);
    await importFixture(t.store);
    await computeKpis(t.store, KPI_SETTINGS, catalog, { from: '2024-01-01', to: '2026-01-01' });
    await storeFileTemplates(t.store, catalog, 'test');
    templates = await readScorecardTemplates(t.store, catalog);
    await computeScorecards(t.store, KPI_SETTINGS, catalog, templates);
    stored.set(
      engine,
      await t.store.query<ResultRow>(
        sql`SELECT node_kind, node_id, period_label, parent_id, template_id, score, band FROM scorecard_result ORDER BY node_kind, node_id, period_label`,
      ),
    );
  }, 120_000);
  afterAll(async () => t?.dispose());

  it("puts the engine's region value on the region's scorecard, not the mean of its teams", async () => {
    const region = await showScorecard(t.store, KPI_SETTINGS, catalog, templates, { node: 'REG', period: 'FY2024-Q1' });
    const team = await showScorecard(t.store, KPI_SETTINGS, catalog, templates, { node: 'T1', period: 'FY2024-Q1' });
    // REG: RA 1 of 4, RB 1 of 1 (T1), RC 1 of 1 (T2) → 3 won of 6 closed = 50 %.
    // The mean of its teams would be (T1 2/5 = 40 % + T2 1/1 = 100 %) / 2 = 70 %.
    expect(kpiOf(region.scorecard, 'win_rate')?.actual).toEqual({ value: 0.5, numerator: 3, denominator: 6 });
    // T1: RA 1 of 4 + RB 1 of 1 = 2 of 5 = 40 %, not the 62.5 % mean of RA's 25 % and RB's 100 %.
    expect(kpiOf(team.scorecard, 'win_rate')?.actual.value).toBeCloseTo(0.4, 12);
    expect(region.scorecard.templateId).toBe('region');
    expect(region.parent).toEqual({ kind: 'division', id: 'DIV', name: 'Kestrel Sales' });
  });

  it('shows each scorecard, every step said, with the numbers the silent full run stored', async () => {
    const rows = await t.store.query<{ node_kind: string; node_id: string; period_label: string; payload: string }>(
      sql`SELECT node_kind, node_id, period_label, payload FROM scorecard_result WHERE period_label LIKE 'FY2024%' ORDER BY 1, 2, 3`,
    );
    expect(rows.length).toBeGreaterThan(20);
    let explained = 0;
    const summaries = await readStoredSummaries(
      t.store,
      rows.map((r) => r.payload),
    );
    for (const [i, r] of rows.entries()) {
      const shown = await showScorecard(t.store, KPI_SETTINGS, catalog, templates, { node: r.node_id, period: r.period_label });
      // The positional payload, read back through its stored layout, is the whole summary of what is shown.
      expect(summaries[i]).toEqual(summariseScorecard(shown.scorecard));
      const kpis = shown.scorecard.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
      for (const k of kpis) if (k.target) explained += k.target.provenance.length > 0 ? 1 : 0;
      expect(kpis.filter((k) => k.target && k.target.provenance.length === 0)).toEqual([]);
    }
    expect(explained).toBeGreaterThan(20);
  });

  it("gives a KPI's trend the target and band each stored scorecard gave it", async () => {
    const series = await kpiValueSeries(t.store, { kpiId: 'win_rate', node: { kind: 'team', id: 'T1' }, grain: 'quarter' });
    const scored = series.filter((p) => p.band !== null);
    expect(scored.length).toBeGreaterThan(1);
    for (const p of scored) {
      const shown = await showScorecard(t.store, KPI_SETTINGS, catalog, templates, { node: 'T1', period: p.periodLabel });
      const k = kpiOf(shown.scorecard, 'win_rate');
      expect([p.periodLabel, p.target, p.band]).toEqual([p.periodLabel, k?.target?.value ?? null, k?.band]);
    }
    expect(scored.some((p) => p.target !== null)).toBe(true);
  });

  it('stores the same scorecards when a second thread scores some of the nodes', async () => {
    const read = () =>
      t.store.query(sql`SELECT node_kind, node_id, grain, period_label, period_start, parent_kind, parent_id, template_id,
        template_version, score, band, payload FROM scorecard_result ORDER BY node_kind, node_id, grain, period_label`);
    const alone = await read();
    const progress: [number, number][] = [];
    const r = await computeScorecards(t.store, KPI_SETTINGS, catalog, templates, {
      threads: 2,
      onProgress: (d, total) => progress.push([d, total]),
    });
    expect(r.helperScorecards).toBeGreaterThan(0);
    expect(r.helperScorecards).toBeLessThan(r.scorecards);
    expect(r.scorecards).toBe(alone.length);
    // Progress counts every node-period once, scored or without a template, and only goes up.
    const total = r.scorecards + r.unscored;
    expect(progress.every(([, of]) => of === total)).toBe(true);
    expect(progress.at(-1)?.[0]).toBe(total);
    expect(progress.every(([d], i) => i === 0 || d > (progress[i - 1]?.[0] ?? 0))).toBe(true);
    expect(await read()).toEqual(alone);
  }, 60_000);

  it('lists a node’s children with their share of its numbers', async () => {
    const region = await showScorecard(t.store, KPI_SETTINGS, catalog, templates, { node: 'REG', period: 'FY2024-Q1' });
    expect(region.children.map((c) => c.node.id).sort()).toEqual(['T1', 'T2']);
    const shares = region.children.map((c) => c.kpis.find((k) => k.kpiId === 'win_rate')?.shareOfParent ?? 0);
    // T1 holds 2 of the region's 3 wins, T2 1 of 3: the shares add up to the whole.
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('places a rep under the team of that time', () => {
    const rows = stored.get(engine) ?? [];
    // RC moved from T2 to T1 on 2024-04-01.
    expect(rows.find((r) => r.node_id === 'RC' && r.period_label === 'FY2024-Q1')?.parent_id).toBe('T2');
    expect(rows.find((r) => r.node_id === 'RC' && r.period_label === 'FY2024-Q2')?.parent_id).toBe('T1');
  });

  it('uses an override with its reason, and a regional tolerance widens the bands', async () => {
    const before = kpiOf(
      (await showScorecard(t.store, KPI_SETTINGS, catalog, templates, { node: 'T1', period: 'FY2024-Q2' })).scorecard,
      'win_rate',
    );
    await setTargetOverride(t.store, KPI_SETTINGS, catalog, {
      kpiId: 'win_rate',
      node: 'T1',
      period: 'FY2024-Q2',
      value: 0.5,
      reason: 'new segment, agreed with the VP',
      actor: 'ops@test',
    });
    const after = kpiOf(
      (await showScorecard(t.store, KPI_SETTINGS, catalog, templates, { node: 'T1', period: 'FY2024-Q2' })).scorecard,
      'win_rate',
    );
    expect(after?.target?.value).toBe(0.5);
    expect(after?.target?.source).toBe('override');
    expect(after?.target?.overrideReason).toBe('new segment, agreed with the VP');
    expect(after?.target?.provenance[0]).toContain('set by ops@test');
    // T1 in Q2: RC wins O7 and loses O8, RB loses O9 → 1 of 3; attainment 33.3 / 50 = 66.7 % → red.
    expect(after?.actual.value).toBeCloseTo(1 / 3, 12);
    expect(after?.attainmentPct).toBeCloseTo(66.666666, 4);
    expect(after?.band).toBe('red');
    expect(before?.target?.source).not.toBe('override');

    // 20 points of tolerance for the region: red now starts below 65 %, so 66.7 % is amber.
    await setRegionTolerance(t.store, catalog, {
      regionId: 'REG',
      kpiId: 'win_rate',
      tolerancePp: 20,
      reason: 'launch year',
      actor: 'ops@test',
    });
    const tolerated = kpiOf(
      (await showScorecard(t.store, KPI_SETTINGS, catalog, templates, { node: 'T1', period: 'FY2024-Q2' })).scorecard,
      'win_rate',
    );
    expect(tolerated?.band).toBe('amber');
  });

  it('says a node that does not exist does not exist', async () => {
    await expect(showScorecard(t.store, KPI_SETTINGS, catalog, templates, { node: 'team:NOPE', period: 'FY2024-Q1' })).rejects.toThrow(
      'no team NOPE; the node list (GET /api/v1/nodes) has every id',
    );
  });

  it('refuses an override without a reason', async () => {
    await expect(
      setTargetOverride(t.store, KPI_SETTINGS, catalog, {
        kpiId: 'win_rate',
        node: 'T1',
        period: 'FY2024-Q2',
        value: 1,
        reason: ' ',
        actor: 'x',
      }),
    ).rejects.toThrow(/reason/);
  });

  it('re-scores the stored scorecards of the periods an import moved', async () => {
    // O2 (RA, T1, closed in February 2024) turns out to have been won: T1's Q1 win rate becomes 3 of 5.
    const original = readFileSync(join(KPI_FIXTURE, 'opportunity.csv'), 'utf8');
    const changed = original.replace(
      'O2,Kite extra,K1,RA,expansion,P1,,5000.00,USD,closed_lost,omitted,',
      'O2,Kite extra,K1,RA,expansion,P1,,5000.00,USD,closed_won,closed,',
    );
    expect(changed).not.toBe(original);
    const path = join(mkdtempSync(join(tmpdir(), 'cairn-rescore-')), 'opportunity.csv');
    writeFileSync(path, changed);
    const r = await importFile(t.store, KPI_SETTINGS, {
      entity: 'opportunity',
      path,
      mode: 'atomic',
      actor: 'test',
      recomputeKpis: catalog,
    });
    expect(r.status).toBe('committed');
    expect(r.kpis).not.toBeNull();
    const [row] = await t.store.query<{ payload: string }>(
      sql`SELECT payload FROM scorecard_result WHERE node_kind = 'team' AND node_id = 'T1' AND period_label = 'FY2024-Q1'`,
    );
    const [summary] = await readStoredSummaries(t.store, [row?.payload ?? '{}']);
    const winRate = summary?.kpis.find((k) => k[0] === 'win_rate');
    // RA wins O1 and O2 of O1–O4, RB wins O5: 3 of 5 = 0.6.
    expect(winRate?.[1]).toBeCloseTo(0.6, 12);
  });

  it('draws the strategy map with every objective and link', async () => {
    const map = await buildStrategyMap(t.store, KPI_SETTINGS, catalog, templates, { node: 'ENT', period: 'FY2024' });
    const template = templates.find((x) => x.id === 'enterprise');
    expect(map.model.objectives).toHaveLength(template?.perspectives.flatMap((p) => p.objectives).length ?? -1);
    expect(map.links).toHaveLength(template?.links.length ?? -1);
    expect(map.svg.startsWith('<svg')).toBe(true);
    expect((map.svg.match(/data-objective-id=/g) ?? []).length).toBe(map.model.objectives.length);
  });
});

describe('DuckDB and PostgreSQL', () => {
  it.runIf(testEngines().length > 1)('store the same scorecards', () => {
    const [a, b] = [stored.get('duckdb') ?? [], stored.get('postgres') ?? []];
    expect(a.length).toBeGreaterThan(20);
    expect(b.map((r) => [r.node_kind, r.node_id, r.period_label, r.parent_id, r.template_id, r.band])).toEqual(
      a.map((r) => [r.node_kind, r.node_id, r.period_label, r.parent_id, r.template_id, r.band]),
    );
    a.forEach((r, i) => {
      const s = b[i]?.score;
      if (r.score === null) expect(s).toBeNull();
      else expect(Number(s)).toBeCloseTo(Number(r.score), 9);
    });
  });
});
