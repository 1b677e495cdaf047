/**
 * Fairness and cohorts for one period: reps' stored overall scores compared
 * across quartiles of their territory's market potential, tenure bands and
 * training cohorts (core's fairnessReport does the statistics). Potential and
 * tenure are taken on the period's last day, from assignment history.
 */
import { addDays, DomainError, dayNumber, parsePeriod } from '@cairn/core/domain';
import { type FairnessReport, fairnessReport } from '@cairn/core/scorecards';
import { param, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';

export async function scorecardFairness(
  store: Store,
  settings: CompanySettings,
  req: { period: string },
): Promise<FairnessReport & { period: string; repsScored: number }> {
  const parsed = parsePeriod(req.period, settings.calendar);
  if (!parsed.ok) throw new DomainError('invalid_input', parsed.reason);
  const asOf = addDays(parsed.value.end, -1);
  const rows = await store.query<{
    rep_id: string;
    score: number | null;
    hire_date: string | null;
    training_cohort: string | null;
    potential: unknown;
  }>(sql`SELECT s.node_id AS rep_id, s.score, CAST(r.hire_date AS VARCHAR) AS hire_date, r.training_cohort,
      (SELECT t.market_potential_minor FROM rep_assignment a JOIN territory t ON t.id = a.territory_id
        WHERE a.rep_id = s.node_id AND a.valid_from <= CAST(${param(asOf)} AS DATE)
          AND (a.valid_to IS NULL OR a.valid_to > CAST(${param(asOf)} AS DATE))
        ORDER BY a.valid_from DESC LIMIT 1) AS potential
    FROM scorecard_result s JOIN rep r ON r.id = s.node_id
    WHERE s.node_kind = ${param('rep')} AND s.period_label = ${param(parsed.value.label)}
    ORDER BY s.node_id`);
  if (rows.length === 0) {
    throw new DomainError(
      'not_found',
      `no rep scorecards for ${parsed.value.label}; run \`cairn compute\` and \`cairn scorecard compute\` first`,
    );
  }
  const report = fairnessReport(
    rows.map((r) => ({
      repId: r.rep_id,
      score: r.score === null ? null : Number(r.score),
      marketPotential: r.potential === null || r.potential === undefined ? null : Number(r.potential),
      tenureDays: r.hire_date ? dayNumber(asOf) - dayNumber(r.hire_date) : null,
      trainingCohort: r.training_cohort,
    })),
  );
  return { ...report, period: parsed.value.label, repsScored: rows.length };
}
