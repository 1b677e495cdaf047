/**
 * Rows about the sales force rather than customers: bookings quotas (monthly
 * and quarterly per selling rep, quarterly and yearly per org unit, sized from
 * a sample of the generated bookings with a stretch and seasonality),
 * managers' forecast submissions, training and enablement events.
 */
import { currencyExponent, isKnownCurrency } from '../domain/currency';
import type { RepRec } from './build-organisation';
import { PRODUCT_LINES } from './catalogue';
import { customerDeals } from './customer-deals';
import { customerProfile } from './customer-profile';
import { customerSales } from './customer-sales';
import type { DemoRow } from './demo-table';
import type { DemoWorld } from './demo-world';
import { bool, DEMO_IMPORT_ID as IMPORT } from './format';
import { rngFor } from './prng';
import { STREAM } from './streams';

const QUOTA_SAMPLE_CUSTOMERS = 400;
const QUOTA_STRETCH = 1.1;
const RAMP = [0.25, 0.5, 0.75];
const COURSES = ['Value selling', 'Negotiation skills', 'Forecasting discipline', 'Cross-sell playbook', 'Objection handling'];
const TOOLS = ['CRM mobile app', 'Conversation intelligence', 'CPQ', 'Forecasting app', 'Sales content hub'];

/** Expected bookings in the reporting currency per seat (division and role) and fiscal year, from a sample of customers. */
function sampledBookings(w: DemoWorld): Map<string, number[]> {
  const years = Math.ceil(w.cal.months.length / 12);
  const out = new Map<string, number[]>();
  const n = Math.min(w.spec.customers, QUOTA_SAMPLE_CUSTOMERS);
  for (let i = 0; i < n; i++) {
    const p = customerProfile(w, i);
    for (const l of customerSales(w, p, customerDeals(w, p)).lines) {
      const y = Math.floor((l.day - w.cal.start) / 365.25);
      if (l.status !== 'active' || y < 0 || y >= years) continue;
      const key = seatKey(PRODUCT_LINES[l.line]?.division ?? 0, w.org.reps[l.rep]?.role ?? 'AE');
      const row = out.get(key) ?? new Array<number>(years).fill(0);
      out.set(key, row);
      row[y] = (row[y] ?? 0) + l.rc;
    }
  }
  const seatsPerRole = (d: number) => w.org.teams.filter((t) => t.division === d).length * 2;
  for (const [key, row] of out) {
    const seats = Math.max(1, seatsPerRole(Number(key.split('|')[0])));
    out.set(
      key,
      row.map((v) => ((v / Math.max(1, n)) * w.spec.customers) / seats),
    );
  }
  return out;
}

function seatKey(division: number, role: string): string {
  return `${division}|${role}`;
}

function employedShare(rep: RepRec, monthStart: number): number {
  if (rep.hire > monthStart || (rep.leave !== null && rep.leave <= monthStart)) return 0;
  const monthsIn = Math.floor((monthStart - rep.hire) / 30.4375);
  return monthsIn < RAMP.length ? (RAMP[monthsIn] ?? 1) : 1;
}

function orgUnitAt(rep: RepRec, day: number): string | null {
  return rep.assignments.find((a) => a.from <= day && (a.to === null || day < a.to))?.orgUnitId ?? null;
}

export function quotaRows(w: DemoWorld): DemoRow[] {
  const { cal, org } = w;
  const rc = w.options.reportingCurrency;
  const unit = 1000 * 10 ** (isKnownCurrency(rc) ? currencyExponent(rc) : 2);
  const bookings = sampledBookings(w);
  const sellers = org.reps.filter((r) => r.role === 'AE' || r.role === 'AM');
  const rows: DemoRow[] = [];
  const unitTotals = new Map<string, number>();
  const add = (kind: 'rep' | 'org_unit', id: string, grain: 'month' | 'quarter' | 'year', start: number, amount: number) =>
    rows.push([kind, id, 'bookings', grain, cal.iso(start), String(amount), rc, IMPORT]);
  const divisionOf = new Map(org.teams.map((t) => [t.id, t.division]));
  const parentOf = new Map(org.orgUnits.map((u) => [u.id, u.parentId]));
  for (const rep of sellers) {
    const r = rngFor(w.seed, STREAM.quota, rep.idx);
    const territoryFactor = 0.85 + 0.3 * r.float();
    let quarter = 0;
    cal.months.forEach((m, mi) => {
      const y = Math.floor(mi / 12);
      const yearStart = cal.months[y * 12]?.start ?? cal.start;
      const yearEnd = cal.months[y * 12 + 11]?.end ?? cal.end;
      const unitId = orgUnitAt(rep, m.start) ?? orgUnitAt(rep, rep.hire) ?? '';
      const d = divisionOf.get(unitId) ?? 0;
      const season = cal.seasonalWeight(m.start, m.end) / cal.seasonalWeight(yearStart, yearEnd);
      const share = employedShare(rep, m.start);
      const perSeat = bookings.get(seatKey(d, rep.role))?.[y] ?? 0;
      const amount = Math.round((perSeat * season * QUOTA_STRETCH * territoryFactor * share) / unit) * unit;
      if (share > 0) add('rep', rep.id, 'month', m.start, amount);
      quarter += share > 0 ? amount : 0;
      if (mi % 3 === 2) {
        const qStart = cal.months[mi - 2]?.start ?? m.start;
        if (quarter > 0) add('rep', rep.id, 'quarter', qStart, quarter);
        const teamId = orgUnitAt(rep, qStart);
        for (let u = teamId; u; u = parentOf.get(u) ?? null) {
          const key = `${u}|${qStart}`;
          unitTotals.set(key, (unitTotals.get(key) ?? 0) + quarter);
        }
        quarter = 0;
      }
    });
  }
  const yearTotals = new Map<string, number>();
  for (const [key, amount] of unitTotals) {
    const [id = '', start = '0'] = key.split('|');
    add('org_unit', id, 'quarter', Number(start), amount);
    const mi = cal.months.findIndex((m) => m.start === Number(start));
    const yStart = cal.months[Math.floor(mi / 12) * 12]?.start ?? cal.start;
    const ykey = `${id}|${yStart}`;
    yearTotals.set(ykey, (yearTotals.get(ykey) ?? 0) + amount);
  }
  for (const [key, amount] of yearTotals) {
    const [id = '', start = '0'] = key.split('|');
    add('org_unit', id, 'year', Number(start), amount);
  }
  return rows;
}

/** Each team manager submits commit, best case and pipeline for the current quarter at the start of every month. */
export function forecastSubmissionRows(w: DemoWorld, quotas: DemoRow[]): DemoRow[] {
  const { cal, org } = w;
  const teamQuarter = new Map<string, number>();
  for (const q of quotas) if (q[0] === 'org_unit' && q[3] === 'quarter') teamQuarter.set(`${q[1]}|${q[4]}`, Number(q[5]));
  const rows: DemoRow[] = [];
  for (const team of org.teams) {
    const manager = org.reps[team.manager];
    if (!manager) continue;
    const r = rngFor(w.seed, STREAM.forecast, team.idx);
    cal.months.forEach((m, mi) => {
      const qStart = cal.months[mi - (mi % 3)]?.start ?? m.start;
      const quota = teamQuarter.get(`${team.id}|${cal.iso(qStart)}`) ?? 0;
      const commit = Math.round(quota * (0.8 + 0.2 * r.float()) * (manager.sandbagger ? 0.85 : 1));
      const day = m.start + r.int(4);
      const label = cal.quarterLabelOf(m.start);
      const categories: [string, number][] = [
        ['commit', commit],
        ['best_case', Math.round(commit * 1.15)],
        ['pipeline', Math.round(commit * 2.2)],
      ];
      for (const [category, amount] of categories) {
        rows.push([
          `F${team.idx + 1}-${mi + 1}-${category}`,
          manager.id,
          team.id,
          label,
          category,
          String(amount),
          w.options.reportingCurrency,
          cal.timestamp(day, 57600 + r.int(3600)),
          null,
          IMPORT,
        ]);
      }
    });
  }
  return rows;
}

export function trainingRows(w: DemoWorld): DemoRow[] {
  const { cal } = w;
  const rows: DemoRow[] = [];
  for (const rep of w.org.reps) {
    const r = rngFor(w.seed, STREAM.people, rep.idx);
    const until = rep.leave ?? cal.end;
    rows.push([`TR${rep.idx + 1}-1`, rep.id, 'Sales onboarding', cal.iso(rep.hire + 7), bool(r.chance(0.95)), IMPORT]);
    const from = Math.max(rep.hire + 30, cal.start);
    const count = from < until ? r.poisson((1.5 * (until - from)) / 365.25) : 0;
    for (let k = 0; k < count; k++) {
      rows.push([`TR${rep.idx + 1}-${k + 2}`, rep.id, r.pick(COURSES), cal.iso(r.between(from, until - 1)), bool(r.chance(0.85)), IMPORT]);
    }
  }
  return rows;
}

export function enablementRows(w: DemoWorld): DemoRow[] {
  const { cal } = w;
  const rows: DemoRow[] = [];
  for (const rep of w.org.reps) {
    const r = rngFor(w.seed, STREAM.people, 1_000_000 + rep.idx);
    const from = Math.max(rep.hire, cal.start);
    const until = rep.leave ?? cal.end;
    if (from >= until) continue;
    let n = 0;
    for (const tool of TOOLS) {
      if (!r.chance(0.75 * Math.min(1.2, rep.skill))) continue;
      const adopted = r.between(from, until - 1);
      rows.push([`EV${rep.idx + 1}-${++n}`, rep.id, tool, 'activated', cal.iso(adopted), IMPORT]);
      const uses = r.poisson(2);
      for (let k = 0; k < uses; k++) {
        const kind = r.chance(0.2) ? 'certified' : 'used';
        rows.push([`EV${rep.idx + 1}-${++n}`, rep.id, tool, kind, cal.iso(r.between(adopted, until - 1)), IMPORT]);
      }
    }
  }
  return rows;
}
