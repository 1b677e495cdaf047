/**
 * After-sale signals per customer: support cases (some escalated), complaints
 * (sales-pressure complaints during a cross-sell campaign name the campaign, so
 * over-persuasion can be measured) and NPS survey responses, which are lower
 * for customers who complained.
 */
import type { Severity } from '../domain/vocabulary';
import type { CustomerContext } from './customer-context';
import type { CustomerProfile } from './customer-profile';
import type { DemoRow } from './demo-table';
import type { DemoWorld } from './demo-world';
import { bool, DEMO_IMPORT_ID as IMPORT, pad } from './format';
import { rngFor } from './prng';
import { STREAM } from './streams';

const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const SEVERITY_WEIGHTS = [50, 32, 14, 4];
const CASES_PER_YEAR = 0.5;
const COMPLAINTS_PER_YEAR = 0.05;
const SURVEY_CHANCE_PER_YEAR = 0.55;
const SURVEY_BASE_MEAN = 8.4;
const SURVEY_BASE_SD = 0.9;
const SURVEY_ANSWER_SD = 1.2;
const COMPLAINT_CATEGORIES = ['billing', 'product_quality', 'service', 'delivery', 'sales_pressure'];
const COMPLAINT_WEIGHTS = [3, 3, 3, 2, 1];

interface ServiceRows {
  surveys: DemoRow[];
  complaints: DemoRow[];
  cases: DemoRow[];
}

function customerService(w: DemoWorld, p: CustomerProfile): ServiceRows {
  const rows: ServiceRows = { surveys: [], complaints: [], cases: [] };
  if (p.acquisition < 0) return rows;
  const { cal } = w;
  const r = rngFor(w.seed, STREAM.service, p.i);
  const prefix = pad(p.i + 1, 7);
  const stop = p.churn >= 0 ? p.churn : cal.end;
  const from = Math.max(p.acquisition, cal.start);
  const years = Math.max(0, stop - from) / 365.25;
  const closedOrNull = (day: number) => (day < cal.end ? cal.iso(day) : null);

  const cases = r.poisson(CASES_PER_YEAR * p.activity * years);
  for (let k = 0; k < cases; k++) {
    const opened = r.between(from, stop - 1);
    const severity = r.weighted(SEVERITY_WEIGHTS);
    rows.cases.push([
      `K${prefix}-${k + 1}`,
      p.id,
      cal.iso(opened),
      closedOrNull(opened + r.between(0, 8 + severity * 10)),
      SEVERITIES[severity] ?? 'low',
      bool(r.chance(0.04 + severity * 0.08)),
      IMPORT,
    ]);
  }

  const complaintDays: number[] = [];
  const complaints = r.poisson(COMPLAINTS_PER_YEAR * years * (1 + 2 * p.crossSell));
  for (let k = 0; k < complaints; k++) {
    const opened = r.between(from, stop - 1);
    complaintDays.push(opened);
    const category = COMPLAINT_CATEGORIES[r.weighted(COMPLAINT_WEIGHTS)] ?? 'service';
    const campaign =
      category === 'sales_pressure'
        ? w.campaigns.find((c) => c.kind === 'cross_sell' && c.start <= opened && opened <= c.end + 30)
        : undefined;
    rows.complaints.push([
      `Q${prefix}-${k + 1}`,
      p.id,
      cal.iso(opened),
      closedOrNull(opened + r.between(2, 45)),
      SEVERITIES[r.weighted(SEVERITY_WEIGHTS)] ?? 'low',
      category,
      campaign?.id ?? null,
      IMPORT,
    ]);
  }

  // A customer's usual score and each answer's spread put the company's NPS near 35, a common B2B level:
  // about 45 % promoters (9–10) and 10 % detractors (0–6), fewer where complaints were recent.
  const base = SURVEY_BASE_MEAN + SURVEY_BASE_SD * r.normal();
  let n = 0;
  for (let start = from; start < stop; start += 365) {
    if (!r.chance(SURVEY_CHANCE_PER_YEAR)) continue;
    const day = r.between(start, Math.min(start + 364, stop - 1));
    const recentComplaints = complaintDays.filter((d) => d <= day && d > day - 365).length;
    const score = Math.round(base - 2.5 * recentComplaints + SURVEY_ANSWER_SD * r.normal());
    rows.surveys.push([`N${prefix}-${++n}`, p.id, cal.iso(day), String(Math.max(0, Math.min(10, score))), IMPORT]);
  }
  return rows;
}

/** The service rows of the context's customer, generated once for the three tables. */
function serviceOf(ctx: CustomerContext & { service?: ServiceRows }): ServiceRows {
  ctx.service ??= customerService(ctx.w, ctx.p);
  return ctx.service;
}

export function emitSurveyResponses(ctx: CustomerContext, out: DemoRow[]): void {
  for (const row of serviceOf(ctx).surveys) out.push(row);
}

export function emitComplaints(ctx: CustomerContext, out: DemoRow[]): void {
  for (const row of serviceOf(ctx).complaints) out.push(row);
}

export function emitSupportCases(ctx: CustomerContext, out: DemoRow[]): void {
  for (const row of serviceOf(ctx).cases) out.push(row);
}
