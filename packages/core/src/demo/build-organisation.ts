/**
 * The demo organisation: an enterprise, two divisions, one region per
 * division and geography, and teams of a manager, an SDR, two AEs (hunters)
 * and two AMs (farmers). Each selling seat is a slot held by one rep after
 * another: some reps leave and are replaced, some move to another team and
 * take their book of business with them, so rep_assignment has real history.
 */
import type { OrgUnitKind, RepRole, SellingStyle } from '../domain/vocabulary';
import { DIVISIONS, geoDef } from './catalogue';
import type { DemoCalendar } from './demo-calendar';
import type { DemoSizeSpec } from './demo-size';
import { pad } from './format';
import { personName } from './names';
import { type Rng, rngFor } from './prng';
import { STREAM } from './streams';

/** Share of incumbent sellers who leave during the history and are replaced. */
const ATTRITION_SHARE = 0.14;
/** Share of remaining incumbent sellers who move to another team mid-history. */
const MOVE_SHARE = 0.08;

export interface OrgUnitRec {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
}

export interface AssignmentRec {
  orgUnitId: string;
  territoryId: string | null;
  from: number;
  /** Exclusive; null while current. */
  to: number | null;
}

export interface RepRec {
  idx: number;
  id: string;
  name: string;
  email: string;
  role: RepRole;
  style: SellingStyle | null;
  hire: number;
  /** First day no longer employed; null while employed. */
  leave: number | null;
  skill: number;
  sizeSkill: number;
  /** Managers who under-call their forecast. */
  sandbagger: boolean;
  assignments: AssignmentRec[];
}

/** A seat held by one rep after another; reps[k] holds it from from[k]. */
export interface Slot {
  reps: number[];
  from: number[];
}

export interface TeamRec {
  idx: number;
  id: string;
  division: number;
  geo: number;
  territoryId: string;
  manager: number;
  sdr: Slot;
  ae: Slot[];
  am: Slot[];
}

export interface TerritoryRec {
  id: string;
  name: string;
  regionId: string;
  potentialWeight: number;
  intensityBp: number;
}

export interface Organisation {
  orgUnits: OrgUnitRec[];
  reps: RepRec[];
  teams: TeamRec[];
  territories: TerritoryRec[];
  divisionIds: string[];
  /** The overlay SE of each division. */
  divisionSe: number[];
}

export function slotRep(slot: Slot, day: number): number {
  let rep = slot.reps[0] ?? 0;
  for (let k = 1; k < slot.reps.length; k++) if ((slot.from[k] ?? 0) <= day) rep = slot.reps[k] ?? rep;
  return rep;
}

export function teamIndex(spec: DemoSizeSpec, division: number, geo: number, t: number): number {
  return (division * spec.geos.length + geo) * spec.teamsPerRegion + t;
}

export function buildOrganisation(seed: number, spec: DemoSizeSpec, cal: DemoCalendar): Organisation {
  const rng = rngFor(seed, STREAM.organisation, 0);
  const nameMult = rng.u32();
  const org: Organisation = { orgUnits: [], reps: [], teams: [], territories: [], divisionIds: [], divisionSe: [] };
  const newRep = (role: RepRole, style: SellingStyle | null, hire: number): RepRec => {
    const idx = org.reps.length;
    const { first, last } = personName(idx + 1, nameMult);
    const r = rngFor(seed, STREAM.rep, idx);
    const skill = clamp(1 + 0.24 * r.normal(), 0.5, 1.6);
    const rep: RepRec = {
      idx,
      id: `R${pad(idx + 1, 5)}`,
      name: `${first} ${last}`,
      email: `${first}.${last}@summit-demo.example`.toLowerCase(),
      role,
      style,
      hire,
      leave: null,
      skill,
      sizeSkill: clamp(1 + 0.12 * r.normal() + 0.3 * (skill - 1), 0.6, 1.5),
      sandbagger: r.chance(0.3),
      assignments: [],
    };
    org.reps.push(rep);
    return rep;
  };
  const incumbentHire = () => cal.start - rng.between(30, 3000);

  org.orgUnits.push({ id: 'ent', name: 'Summit Systems', kind: 'enterprise', parentId: null });
  newRep('manager', null, incumbentHire()).assignments.push({ orgUnitId: 'ent', territoryId: null, from: 0, to: null });
  for (const [d, div] of DIVISIONS.entries()) {
    const divId = `div-${div.key}`;
    org.divisionIds.push(divId);
    org.orgUnits.push({ id: divId, name: div.name, kind: 'division', parentId: 'ent' });
    newRep('manager', null, incumbentHire()).assignments.push({ orgUnitId: divId, territoryId: null, from: 0, to: null });
    const se = newRep('SE', null, incumbentHire());
    se.assignments.push({ orgUnitId: divId, territoryId: null, from: 0, to: null });
    org.divisionSe.push(se.idx);
    for (const [g, geoKey] of spec.geos.entries()) {
      const geo = geoDef(geoKey);
      const regionId = `reg-${div.key}-${geo.key.replace(/_/g, '-')}`;
      org.orgUnits.push({ id: regionId, name: `${div.name} ${geo.name}`, kind: 'region', parentId: divId });
      for (let t = 0; t < spec.teamsPerRegion; t++) {
        const suffix = spec.teamsPerRegion > 1 ? `-${t + 1}` : '';
        const teamId = `team-${div.key}-${geo.key.replace(/_/g, '-')}${suffix}`;
        const territoryId = `ter-${div.key}-${geo.key.replace(/_/g, '-')}${suffix}`;
        org.orgUnits.push({ id: teamId, name: `${div.name} ${geo.name}${suffix ? ` ${t + 1}` : ''}`, kind: 'team', parentId: regionId });
        org.territories.push({
          id: territoryId,
          name: `${geo.name}${suffix ? ` ${t + 1}` : ''} (${div.name})`,
          regionId,
          potentialWeight: (geo.weight / spec.teamsPerRegion) * (0.7 + 0.6 * rng.float()),
          intensityBp: rng.between(1500, 8500),
        });
        const manager = newRep('manager', null, incumbentHire());
        const seat = (role: RepRole, style: SellingStyle | null): Slot => ({ reps: [newRep(role, style, incumbentHire()).idx], from: [0] });
        const team: TeamRec = {
          idx: org.teams.length,
          id: teamId,
          division: d,
          geo: g,
          territoryId,
          manager: manager.idx,
          sdr: seat('SDR', 'hunter'),
          ae: [seat('AE', 'hunter'), seat('AE', 'hunter')],
          am: [seat('AM', 'farmer'), seat('AM', 'farmer')],
        };
        manager.assignments.push({ orgUnitId: teamId, territoryId, from: 0, to: null });
        org.teams.push(team);
      }
    }
  }
  staffSeats(org, cal, rng, newRep);
  for (const rep of org.reps) {
    const first = rep.assignments[0];
    if (first && first.from === 0) first.from = rep.hire;
  }
  return org;
}

/**
 * Exactly ATTRITION_SHARE of the selling seats lose their incumbent, who is
 * replaced the same day, and MOVE_SHARE of the other incumbents move to
 * another team of their division (the same geography where there is one).
 */
function staffSeats(
  org: Organisation,
  cal: DemoCalendar,
  rng: Rng,
  newRep: (role: RepRole, style: SellingStyle | null, hire: number) => RepRec,
): void {
  const seats = org.teams.flatMap((team) => [team.sdr, ...team.ae, ...team.am].map((slot) => ({ team, slot })));
  const order = shuffled(seats.length, rng);
  const leaving = Math.round(ATTRITION_SHARE * seats.length);
  const moving = Math.max(1, Math.round(MOVE_SHARE * (seats.length - leaving)));
  order.forEach((seatIndex, rank) => {
    const { team, slot } = seats[seatIndex] as (typeof seats)[number];
    const incumbent = org.reps[slot.reps[0] ?? 0] as RepRec;
    const stay = { orgUnitId: team.id, territoryId: team.territoryId, from: incumbent.hire };
    if (rank < leaving) {
      const leave = rng.between(cal.start + 60, cal.end - 45);
      incumbent.leave = leave;
      incumbent.assignments.push({ ...stay, to: leave });
      const successor = newRep(incumbent.role, incumbent.style, leave);
      successor.assignments.push({ ...stay, from: leave, to: null });
      slot.reps.push(successor.idx);
      slot.from.push(leave);
      return;
    }
    const others = rank < leaving + moving ? org.teams.filter((t) => t.division === team.division && t.idx !== team.idx) : [];
    const nearby = others.filter((t) => t.geo === team.geo);
    const pool = nearby.length > 0 ? nearby : others;
    if (pool.length === 0) {
      incumbent.assignments.push({ ...stay, to: null });
      return;
    }
    const target = rng.pick(pool);
    const move = rng.between(cal.start + 90, cal.end - 60);
    incumbent.assignments.push({ ...stay, to: move });
    incumbent.assignments.push({ orgUnitId: target.id, territoryId: target.territoryId, from: move, to: null });
  });
}

/** A seeded permutation of 0..n-1 (Fisher–Yates). */
function shuffled(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
