/**
 * A customer's opportunities, regenerated from its index: a first new-logo
 * deal (sometimes after a lost attempt), then expansion and cross-sell deals
 * at a rate set by segment, and renewals of subscriptions. Cross-sell deals
 * choose the next product line by affinity with the lines already owned,
 * with a propensity set by segment and industry. Win rate and deal size
 * follow the owning rep's skill, ramping up for new hires.
 */
import type { OpportunityType } from '../domain/vocabulary';
import { type RepRec, type Slot, slotRep, teamIndex } from './build-organisation';
import { AFFINITY, INDUSTRIES, PRODUCT_LINES, PRODUCTS_BY_LINE, SEGMENTS } from './catalogue';
import type { CustomerProfile } from './customer-profile';
import type { DemoWorld } from './demo-world';
import {
  CLOSE_DATE_PUSH_SHARE,
  CLOSE_DATE_PUSHES_MAX,
  CLOSE_DATE_PUSHES_MIN,
  STAGE_JUMP_DAYS_BEFORE_QUARTER_END,
  STAGE_JUMP_SHARE,
} from './planted-problems';
import { type LineRec, priceLine } from './price-line';
import { type Rng, rngFor } from './prng';
import { STREAM } from './streams';

export type Outcome = 'won' | 'lost' | 'open';

export interface OppRec {
  /** Position in the customer's list (by creation), used in ids. */
  k: number;
  type: OpportunityType;
  line: number;
  product: number;
  division: number;
  owner: number;
  created: number;
  /** The close date the CRM holds now. */
  close: number;
  /** The close date first entered. */
  firstClose: number;
  /** The day it was closed, or -1 while open. */
  closedAt: number;
  outcome: Outcome;
  /** Index of the first and the highest open stage reached (0 prospecting … 4 negotiation). */
  startStage: number;
  stageReached: number;
  amount: number;
  firstAmount: number;
  pushes: number;
  stageJump: boolean;
  leadSource: string;
  fromLead: boolean;
  introducer: number;
  overlay: number;
  lines: LineRec[];
}

const BASE_WIN: Record<OpportunityType, number> = { new_logo: 0.3, expansion: 0.45, cross_sell: 0.3, renewal: 0.82 };
/** Deals are bigger than run-rate reorders. */
const DEAL_SCALE = 2;
const LOST_STAGE_WEIGHTS = [3, 3, 2, 1.5, 1];
const LEAD_SOURCES = ['web', 'event', 'partner', 'referral', 'content'];
const DAYS_PER_MONTH = 30.4375;
/** No deal starts more than this many days before the history (exchange rates go back a year). */
const OLDEST_DEAL_DAYS = 300;

export interface CustomerDeals {
  opps: OppRec[];
  /** The first day each product line was won, or -1. */
  owned: number[];
}

/** The customer's opportunities, in creation order. */
export function customerDeals(w: DemoWorld, p: CustomerProfile): CustomerDeals {
  const b = new DealBuilder(w, p);
  const { cal } = w;
  const r = b.r;
  const firstLineWeights = INDUSTRIES[p.industry]?.firstLine ?? [1, 1, 1, 1, 1, 1];
  if (p.acquisition < 0) {
    const attempts = 1 + r.int(3);
    for (let a = 0; a < attempts; a++) {
      const created = r.between(Math.max(p.created, cal.start - 60), cal.end - 5);
      b.add('new_logo', r.weighted(firstLineWeights), created, created + b.cycle(), 'lost', -1);
    }
  } else {
    const lostAttempts = r.poisson(w.spec.lostNewLogoAttempts);
    for (let a = 0; a < lostAttempts; a++) {
      const created = Math.max(cal.start - OLDEST_DEAL_DAYS, p.acquisition - b.cycle() - r.between(60, 500));
      b.add('new_logo', r.weighted(firstLineWeights), created, created + b.cycle(), 'lost', -1);
    }
    b.add('new_logo', r.weighted(firstLineWeights), p.acquisition - b.cycle(), p.acquisition, 'won', -1);
    b.addFollowOns();
    b.addRenewals();
  }
  const opps = b.opps;
  opps.sort((x, y) => x.created - y.created);
  for (let k = 0; k < opps.length; k++) {
    const o = opps[k] as OppRec;
    o.k = k;
    for (const l of o.lines) l.opp = k;
  }
  return { opps, owned: b.owned };
}

class DealBuilder {
  readonly r: Rng;
  readonly opps: OppRec[] = [];
  readonly owned = [-1, -1, -1, -1, -1, -1];
  private readonly cycleDays: number;
  private readonly stop: number;

  constructor(
    private readonly w: DemoWorld,
    private readonly p: CustomerProfile,
  ) {
    this.r = rngFor(w.seed, STREAM.deals, p.i);
    this.cycleDays = SEGMENTS[p.segment]?.cycleDays ?? 60;
    this.stop = p.churn >= 0 ? p.churn : w.cal.end;
  }

  cycle(): number {
    return Math.round(this.cycleDays * (0.5 + this.r.float()));
  }

  /** Expansion and cross-sell deals after the first win, at the customer's rate. */
  addFollowOns(): void {
    const { w, p, r, owned } = this;
    const months = Math.max(0, this.stop - p.acquisition - 20) / DAYS_PER_MONTH;
    const count = r.poisson(w.spec.oppsPerMonth * p.activity * months);
    const closes: number[] = [];
    for (let c = 0; c < count; c++) closes.push(w.cal.seasonalDay(r, p.acquisition + 20, this.stop + this.cycleDays));
    closes.sort((a, b) => a - b);
    const have: number[] = [];
    const lack: number[] = [];
    const weights: number[] = [];
    for (const plannedClose of closes) {
      const created = plannedClose - this.cycle();
      if (created >= w.cal.end || created >= this.stop) continue;
      have.length = 0;
      lack.length = 0;
      for (let line = 0; line < owned.length; line++) {
        const day = owned[line] ?? -1;
        if (day >= 0 && day <= created) have.push(line);
        else lack.push(line);
      }
      if (have.length === 0) continue;
      if (!p.optOut && lack.length > 0 && r.chance(p.crossSell)) {
        weights.length = 0;
        for (const l of lack) {
          let sum = 0.1;
          for (const h of have) sum += AFFINITY[h]?.[l] ?? 0;
          weights.push(sum);
        }
        this.add('cross_sell', lack[r.weighted(weights)] ?? 0, created, plannedClose, null, -1);
      } else {
        this.add('expansion', have[r.int(have.length)] ?? 0, created, plannedClose, null, -1);
      }
    }
  }

  /** A renewal deal ahead of the end of each won subscription, renewals of renewals included. */
  addRenewals(): void {
    const { w, r, opps } = this;
    for (let o = 0; o < opps.length; o++) {
      for (const line of (opps[o] as OppRec).lines) {
        if (line.months === 0) continue;
        const contractEnd = line.day + Math.round(line.months * DAYS_PER_MONTH);
        const created = contractEnd - 75 - r.int(20);
        if (created >= w.cal.end || created >= this.stop) continue;
        this.add('renewal', line.line, created, contractEnd - r.int(15), null, line.product);
      }
    }
  }

  add(type: OpportunityType, line: number, created: number, plannedClose: number, forced: Outcome | null, product: number): void {
    const { w, p, r } = this;
    const { cal, org } = w;
    const division = PRODUCT_LINES[line]?.division ?? 0;
    const slot = dealSeat(w, p, division, type);
    const ownerIdx = slot ? slotRep(slot, Math.min(plannedClose, cal.end - 1)) : 0;
    const owner = org.reps[ownerIdx] as RepRec;
    const tenure = plannedClose - owner.hire;
    const ramp = tenure < 180 ? 0.5 + (0.5 * Math.max(0, tenure)) / 180 : 1;
    const pWin = Math.max(0.03, Math.min(0.95, BASE_WIN[type] * owner.skill * ramp));
    let outcome: Outcome = forced ?? (r.chance(pWin) ? 'won' : 'lost');
    let close = plannedClose;
    if (outcome === 'lost') close = created + Math.max(7, Math.round((plannedClose - created) * (0.3 + 0.7 * r.float())));
    if (close >= cal.end) outcome = 'open';
    const stageJump = outcome === 'won' && r.chance(STAGE_JUMP_SHARE);
    if (stageJump) close = cal.quarterEndOf(close) - 1 - r.int(STAGE_JUMP_DAYS_BEFORE_QUARTER_END);
    const planted = r.chance(CLOSE_DATE_PUSH_SHARE);
    const pushes = planted ? r.between(CLOSE_DATE_PUSHES_MIN, CLOSE_DATE_PUSHES_MAX) : r.chance(0.3) ? 1 : 0;
    let firstClose = outcome === 'open' ? close : close + r.int(11);
    let start = created;
    if (pushes > 0) {
      let gaps = 0;
      for (let g = 0; g < pushes; g++) gaps += r.between(14, 45);
      firstClose = close - gaps;
      start = Math.min(created, firstClose - 14);
    }
    const fromLead = type === 'new_logo' && r.chance(0.6);
    const startStage = fromLead || type !== 'new_logo' ? 1 : 0;
    let stageReached = 4;
    if (outcome === 'lost') stageReached = Math.max(startStage, r.weighted(LOST_STAGE_WEIGHTS));
    if (outcome === 'open')
      stageReached = Math.max(startStage, Math.min(4, Math.floor((5 * (cal.end - start)) / Math.max(1, close - start))));
    if (stageJump) stageReached = startStage;
    const introducerSeat =
      type === 'cross_sell' && division !== p.homeDivision && r.chance(0.6) ? dealSeat(w, p, p.homeDivision, 'expansion') : undefined;
    const introducer = introducerSeat ? slotRep(introducerSeat, start) : -1;
    let leadSource = 'account_team';
    if (fromLead) leadSource = LEAD_SOURCES[r.int(LEAD_SOURCES.length)] ?? 'web';
    else if (introducer >= 0) leadSource = 'introduction';
    else if (type === 'new_logo') leadSource = 'outbound';
    else if (type === 'cross_sell' && w.campaigns.some((c) => c.line === line && c.start <= start && start <= c.end))
      leadSource = 'campaign';
    const nLines = type === 'renewal' ? 1 : 1 + (r.chance(0.45) ? 1 : 0) + (r.chance(p.segment === 0 ? 0.35 : 0.12) ? 1 : 0);
    const lines: LineRec[] = [];
    let amount = 0;
    const weights = w.productWeights[line] ?? [1];
    const candidates = PRODUCTS_BY_LINE[line] ?? [0];
    for (let n = 0; n < nLines; n++) {
      const prod = product >= 0 ? product : (candidates[r.weighted(weights)] ?? 0);
      const l = priceLine(w, p, r, prod, close, owner, type === 'renewal' ? 12 : -1, DEAL_SCALE);
      l.lineNo = n + 1;
      amount += l.amount;
      if (outcome === 'won') lines.push(l);
    }
    const firstAmount = r.chance(0.3) ? Math.max(100, Math.round(amount * (0.7 + 0.6 * r.float()))) : amount;
    const overlay = outcome === 'won' && p.segment === 0 && r.chance(0.35) ? (org.divisionSe[division] ?? -1) : -1;
    this.opps.push({
      k: this.opps.length,
      type,
      line,
      product: lines[0]?.product ?? (product >= 0 ? product : (candidates[0] ?? 0)),
      division,
      owner: ownerIdx,
      created: start,
      close,
      firstClose,
      closedAt: outcome === 'open' ? -1 : close,
      outcome,
      startStage,
      stageReached,
      amount,
      firstAmount,
      pushes,
      stageJump,
      leadSource,
      fromLead,
      introducer,
      overlay,
      lines,
    });
    const ownedSince = this.owned[line] ?? -1;
    if (outcome === 'won' && (ownedSince < 0 || close < ownedSince)) this.owned[line] = close;
  }
}

/** The seat that works an opportunity: the hunter for new logos and cross-sell, the farmer otherwise. */
export function dealSeat(w: DemoWorld, p: CustomerProfile, division: number, type: OpportunityType): Slot | undefined {
  const t = w.org.teams[teamIndex(w.spec, division, p.geo, p.team)];
  if (!t) return undefined;
  return type === 'new_logo' || type === 'cross_sell' ? t.ae[p.aeSeat] : t.am[p.amSeat];
}
