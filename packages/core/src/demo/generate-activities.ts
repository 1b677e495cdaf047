/**
 * Sales activities: calls, e-mails, meetings, demos and CRM updates logged on
 * each opportunity by whoever held its seat that day, plus account-management
 * touches by the customer's account manager between deals.
 */
import type { ActivityKind } from '../domain/vocabulary';
import { slotRep, teamIndex } from './build-organisation';
import type { DealsContext } from './customer-context';
import { dealSeat } from './customer-deals';
import type { DemoRow } from './demo-table';
import { DEMO_IMPORT_ID as IMPORT, pad } from './format';
import { opportunityId } from './generate-pipeline';
import { lastChangeDay } from './opportunity-events';
import { rngFor } from './prng';
import { STREAM } from './streams';

const KINDS: readonly ActivityKind[] = ['call', 'email', 'meeting', 'demo', 'crm_update'];
const DEAL_KIND_WEIGHTS = [3, 4, 2, 1, 2];
const ACCOUNT_KIND_WEIGHTS = [3, 4, 2, 0, 1];
const DAYS_PER_YEAR = 365.25;

export function emitActivities({ w, i, p, deals }: DealsContext, out: DemoRow[]): void {
  const { cal, org, spec } = w;
  const r = rngFor(w.seed, STREAM.activities, i);
  const prefix = pad(i + 1, 7);
  let n = 0;
  const push = (rep: number, opp: string | null, kind: ActivityKind, day: number) => {
    out.push([`A${prefix}-${++n}`, org.reps[rep]?.id ?? null, p.id, opp, kind, cal.timestamp(day, r.between(28800, 68400)), IMPORT]);
  };
  const perDeal = Math.sqrt(p.activity) * spec.activitiesPerOpp;
  for (const o of deals.opps) {
    const seat = dealSeat(w, p, o.division, o.type);
    const last = Math.max(o.created, lastChangeDay(w, o));
    const count = 1 + r.poisson(perDeal);
    const oppId = opportunityId(i, o.k);
    for (let a = 0; a < count; a++) {
      const day = r.between(o.created, last);
      push(seat ? slotRep(seat, day) : o.owner, oppId, KINDS[r.weighted(DEAL_KIND_WEIGHTS)] ?? 'call', day);
    }
  }
  if (p.acquisition < 0) return;
  const stop = p.churn >= 0 ? p.churn : cal.end;
  const team = org.teams[teamIndex(spec, p.homeDivision, p.geo, p.team)];
  const seat = team?.am[p.amSeat];
  if (!seat) return;
  const count = r.poisson((spec.accountActivitiesPerYear * p.activity * Math.max(0, stop - p.acquisition)) / DAYS_PER_YEAR);
  for (let a = 0; a < count; a++) {
    const day = r.between(p.acquisition, stop - 1);
    push(slotRep(seat, day), null, KINDS[r.weighted(ACCOUNT_KIND_WEIGHTS)] ?? 'call', day);
  }
}
