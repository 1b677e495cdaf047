/**
 * The recorded changes of one opportunity, each a full snapshot as a CRM
 * field-history export holds it. A normal deal moves one stage at a time and
 * has its close date pushed at most once; planted deals jump straight to
 * closed won at quarter end or have their close date pushed again and again.
 * The last snapshot always equals the opportunity as it stands.
 */
import type { ForecastCategory } from '../domain/vocabulary';
import type { OppRec } from './customer-deals';
import type { DemoWorld } from './demo-world';
import type { Rng } from './prng';

export const STAGE_NAMES = ['prospecting', 'qualification', 'discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;
export const WON_STAGE = 5;
export const LOST_STAGE = 6;

const CATEGORY: readonly ForecastCategory[] = ['pipeline', 'pipeline', 'pipeline', 'best_case', 'commit', 'closed', 'omitted'];

export function categoryOf(stage: number): ForecastCategory {
  return CATEGORY[stage] ?? 'pipeline';
}

export function finalStage(o: OppRec): number {
  return o.outcome === 'won' ? WON_STAGE : o.outcome === 'lost' ? LOST_STAGE : o.stageReached;
}

export interface OppSnapshot {
  day: number;
  second: number;
  stage: number;
  amount: number;
  close: number;
}

type Change = { day: number; stage?: number; amount?: number; close?: number };

/** The last day on which the opportunity can have changed. */
export function lastChangeDay(w: DemoWorld, o: OppRec): number {
  return o.outcome === 'open' ? w.cal.end - 1 : o.closedAt;
}

export function opportunityEvents(w: DemoWorld, o: OppRec, r: Rng): OppSnapshot[] {
  const last = Math.max(o.created, lastChangeDay(w, o));
  const span = last - o.created;
  const changes: Change[] = [];
  const steps = o.stageReached - o.startStage;
  let prev = o.created;
  for (let s = 1; s <= steps; s++) {
    const day = Math.max(prev, o.created + Math.round((span * (s - 0.5 + r.float() * 0.5)) / (steps + 1)));
    changes.push({ day: Math.min(day, last), stage: o.startStage + s });
    prev = day;
  }
  if (o.pushes > 0) {
    // Evenly spaced targets with a jitter under half the spacing, so every push moves the date later.
    const spacing = (o.close - o.firstClose) / o.pushes;
    const cuts: number[] = [];
    for (let k = 1; k < o.pushes; k++) cuts.push(o.firstClose + Math.round(spacing * (k + (r.float() - 0.5) * 0.8)));
    cuts.push(o.close);
    let previousClose = o.firstClose;
    let day = o.created;
    for (const target of cuts) {
      day = Math.min(last, Math.max(day, previousClose - r.int(7)));
      changes.push({ day, close: target });
      previousClose = target;
    }
  }
  if (o.firstAmount !== o.amount) changes.push({ day: o.created + Math.round(span * (0.2 + 0.6 * r.float())), amount: o.amount });
  if (o.outcome !== 'open') changes.push({ day: last, stage: finalStage(o), close: o.closedAt });
  changes.sort((a, b) => a.day - b.day);

  const out: OppSnapshot[] = [];
  let state: OppSnapshot = {
    day: o.created,
    second: r.between(28800, 64800),
    stage: o.startStage,
    amount: o.firstAmount,
    close: o.firstClose,
  };
  out.push(state);
  for (const c of changes) {
    const second = c.day === state.day ? state.second + r.between(60, 900) : r.between(28800, 64800);
    state = {
      day: c.day,
      second,
      stage: c.stage ?? state.stage,
      amount: c.amount ?? state.amount,
      close: c.close ?? state.close,
    };
    out.push(state);
  }
  return out;
}
