/**
 * Pipeline rows per customer: opportunities as the CRM holds them now, their
 * full change history, the leads that fed them (and many that did not), and
 * introductions between divisions. Derived opportunity columns (is_closed,
 * is_won, amount_rc_minor) are left to deriveFacts.
 */
import { slotRep, teamIndex } from './build-organisation';
import { PRODUCT_LINES } from './catalogue';
import type { DealsContext } from './customer-context';
import type { OppRec } from './customer-deals';
import { type CustomerProfile, customerLabel } from './customer-profile';
import type { DemoRow } from './demo-table';
import type { DemoWorld } from './demo-world';
import { DEMO_IMPORT_ID as IMPORT, pad } from './format';
import { categoryOf, finalStage, opportunityEvents, STAGE_NAMES } from './opportunity-events';
import { rngFor } from './prng';
import { STREAM } from './streams';

const TYPE_LABEL = { new_logo: 'new logo', expansion: 'expansion', cross_sell: 'cross-sell', renewal: 'renewal' } as const;
const LEAD_SOURCES = ['web', 'event', 'partner', 'referral', 'content', 'outbound'];
const UNCONVERTED_LEADS_PER_CUSTOMER = 0.7;
const DECLINED_INTRODUCTION_CHANCE = 0.05;

export function opportunityId(customerIndex: number, k: number): string {
  return `O${pad(customerIndex + 1, 7)}-${k + 1}`;
}

export function emitOpportunities({ w, i, p, deals }: DealsContext, out: DemoRow[]): void {
  const { cal, org } = w;
  const label = customerLabel(w, p);
  for (const o of deals.opps) {
    const stage = finalStage(o);
    out.push([
      opportunityId(i, o.k),
      `${label} – ${PRODUCT_LINES[o.line]?.name ?? ''} ${TYPE_LABEL[o.type]}`,
      p.id,
      org.reps[o.owner]?.id ?? null,
      o.type,
      w.products[o.product]?.id ?? null,
      PRODUCT_LINES[o.line]?.name ?? null,
      String(o.amount),
      p.currency,
      STAGE_NAMES[stage] ?? null,
      categoryOf(stage),
      o.leadSource,
      cal.iso(o.created),
      cal.iso(o.close),
      o.closedAt >= 0 ? cal.iso(o.closedAt) : null,
      null,
      null,
      null,
      IMPORT,
    ]);
  }
}

export function emitOpportunityHistory({ w, i, p, deals }: DealsContext, out: DemoRow[]): void {
  const { cal } = w;
  for (const o of deals.opps) {
    const id = opportunityId(i, o.k);
    const r = rngFor(w.seed, STREAM.oppHistory, i, o.k);
    for (const e of opportunityEvents(w, o, r)) {
      out.push([
        id,
        cal.timestamp(e.day, e.second),
        STAGE_NAMES[e.stage] ?? null,
        String(e.amount),
        p.currency,
        cal.iso(e.close),
        categoryOf(e.stage),
        'crm',
        IMPORT,
      ]);
    }
  }
}

function sdrAt(w: DemoWorld, p: CustomerProfile, division: number, day: number): string | null {
  const team = w.org.teams[teamIndex(w.spec, division, p.geo, p.team)];
  return team ? (w.org.reps[slotRep(team.sdr, day)]?.id ?? null) : null;
}

export function emitLeads({ w, i, p, deals }: DealsContext, out: DemoRow[]): void {
  const { cal } = w;
  const r = rngFor(w.seed, STREAM.leads, i);
  let n = 0;
  const id = () => `D${pad(i + 1, 7)}-${++n}`;
  for (const o of deals.opps) {
    if (!o.fromLead) continue;
    const created = o.created - r.between(3, 40);
    out.push([
      id(),
      o.leadSource,
      cal.iso(created),
      sdrAt(w, p, o.division, created),
      p.id,
      cal.iso(o.created),
      opportunityId(i, o.k),
      IMPORT,
    ]);
  }
  const unconverted = r.poisson(UNCONVERTED_LEADS_PER_CUSTOMER);
  for (let k = 0; k < unconverted; k++) {
    const created = r.between(Math.max(p.created, cal.start), cal.end - 1);
    const known = r.chance(0.8);
    out.push([id(), r.pick(LEAD_SOURCES), cal.iso(created), sdrAt(w, p, p.homeDivision, created), known ? p.id : null, null, null, IMPORT]);
  }
}

function outcomeOf(o: OppRec): string {
  return o.outcome === 'won' ? 'won' : o.outcome === 'lost' ? 'lost' : 'opportunity';
}

export function emitIntroductions({ w, i, p, deals }: DealsContext, out: DemoRow[]): void {
  const { cal, org } = w;
  const r = rngFor(w.seed, STREAM.introductions, i);
  let n = 0;
  const id = () => `X${pad(i + 1, 7)}-${++n}`;
  const divisionId = (d: number) => org.divisionIds[d] ?? null;
  for (const o of deals.opps) {
    if (o.introducer < 0) continue;
    out.push([
      id(),
      org.reps[o.introducer]?.id ?? null,
      org.reps[o.owner]?.id ?? null,
      p.id,
      divisionId(p.homeDivision),
      divisionId(o.division),
      cal.iso(o.created - r.between(2, 30)),
      opportunityId(i, o.k),
      outcomeOf(o),
      IMPORT,
    ]);
  }
  if (p.acquisition >= 0 && r.chance(DECLINED_INTRODUCTION_CHANCE * p.activity)) {
    const other = 1 - p.homeDivision;
    const day = r.between(p.acquisition, cal.end - 1);
    const from = org.teams[teamIndex(w.spec, p.homeDivision, p.geo, p.team)];
    const to = org.teams[teamIndex(w.spec, other, p.geo, p.team)];
    if (from && to) {
      out.push([
        id(),
        org.reps[slotRep(from.am[p.amSeat] ?? from.sdr, day)]?.id ?? null,
        org.reps[slotRep(to.ae[p.aeSeat] ?? to.sdr, day)]?.id ?? null,
        p.id,
        divisionId(p.homeDivision),
        divisionId(other),
        cal.iso(day),
        null,
        day < cal.end - 60 ? 'declined' : 'open',
        IMPORT,
      ]);
    }
  }
}
