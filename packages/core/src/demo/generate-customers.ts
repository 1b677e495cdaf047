/**
 * Customer master rows. The owner is the home division's account manager as
 * of the end of the history (the hunter for prospects that never bought);
 * first_booked_at is left to deriveFacts.
 */
import { slotRep, teamIndex } from './build-organisation';
import { CUSTOMER_GROUPS, INDUSTRIES, SEGMENTS } from './catalogue';
import type { CustomerContext } from './customer-context';
import { customerNames } from './customer-profile';
import type { DemoRow } from './demo-table';
import { bool, DEMO_IMPORT_ID as IMPORT } from './format';

const ONBOARDING_DAYS = 90;

export function emitCustomer({ w, p }: CustomerContext, out: DemoRow[]): void {
  const { cal, org, spec } = w;
  const names = customerNames(w, p);
  const team = org.teams[teamIndex(spec, p.homeDivision, p.geo, p.team)];
  const slot = team ? (p.acquisition >= 0 ? team.am[p.amSeat] : team.ae[p.aeSeat]) : undefined;
  const owner = slot ? org.reps[slotRep(slot, cal.end - 1)] : undefined;
  out.push([
    p.id,
    names.name,
    names.normalisedName,
    names.domain,
    names.taxId,
    INDUSTRIES[p.industry]?.name ?? null,
    SEGMENTS[p.segment]?.name ?? null,
    p.country,
    team?.territoryId ?? null,
    owner?.id ?? null,
    cal.iso(p.created),
    p.acquisition >= 0 ? cal.iso(p.acquisition + ONBOARDING_DAYS) : null,
    bool(p.optOut),
    CUSTOMER_GROUPS[p.group]?.name ?? null,
    null,
    null,
    IMPORT,
  ]);
}
