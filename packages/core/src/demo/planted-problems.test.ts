import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths, dayNumber } from '../domain/civil-date';
import { periodOf } from '../domain/fiscal-calendar';
import { normaliseCompanyName, normaliseDomain } from '../domain/normalise-company-name';
import { options, walk } from './demo-test-support';
import { demoCompany } from './index';
import {
  BOOKING_WITHOUT_INVOICE_SHARE,
  CLOSE_DATE_PUSH_SHARE,
  CLOSE_DATE_PUSHES_MIN,
  CRM_CROSS_SELL_MISFLAG_SHARE,
  DUPLICATE_CUSTOMER_SHARE,
  STAGE_JUMP_DAYS_BEFORE_QUARTER_END,
  STAGE_JUMP_SHARE,
} from './planted-problems';

const EARLY_STAGES = new Set(['prospecting', 'qualification', 'discovery']);
const WINDOW_MONTHS = 24;
const CALENDAR = { startMonth: 1 };

interface Line {
  id: string;
  line: string;
  day: string;
  active: boolean;
  crm: boolean;
}

/** The cross-sell rule of deriveFacts, restated over one customer's lines: no active purchase of the line in the window before, an earlier active purchase of another line. */
function derivedCrossSell(lines: Line[]): boolean[] {
  return lines.map((l) => {
    const before = lines.filter((o) => o.active && o.day < l.day);
    const windowStart = addMonths(l.day, -WINDOW_MONTHS);
    const sameRecently = before.some((o) => o.line === l.line && o.day >= windowStart);
    return !sameRecently && before.some((o) => o.line !== l.line);
  });
}

/** Share within four standard errors of the planted share. */
function expectShare(found: number, of: number, share: number, what: string) {
  const tolerance = 4 * Math.sqrt((share * (1 - share)) / of) + 0.002;
  expect(Math.abs(found / of - share), `${what}: ${found} of ${of}`).toBeLessThanOrEqual(tolerance);
}

describe('planted problems in the small demo company', () => {
  const s = {
    customers: 0,
    duplicates: 0,
    opportunities: 0,
    won: 0,
    stageJumps: 0,
    stageSkipsToWon: 0,
    pushedAgain: 0,
    pushedTwice: 0,
    lines: 0,
    misflagged: 0,
    activeLines: 0,
    uninvoiced: 0,
  };

  beforeAll(() => {
    const names = new Set<string>();
    const domains = new Set<string>();
    const productLine = new Map<string, string>();
    const invoiced = new Set<string>();
    const active: string[] = [];
    let history: { stage: string; close: string; at: string }[] = [];
    let historyOf = '';
    const closeOpportunity = () => {
      let pushes = 0;
      history.forEach((h, k) => {
        const prev = history[k - 1];
        if (!prev) return;
        if (h.close > prev.close) pushes++;
        if (h.stage === 'closed_won' && EARLY_STAGES.has(prev.stage)) {
          s.stageSkipsToWon++;
          const day = h.at.slice(0, 10);
          const quarterEnd = periodOf(day, 'quarter', CALENDAR).end;
          if (dayNumber(quarterEnd) - dayNumber(day) <= STAGE_JUMP_DAYS_BEFORE_QUARTER_END) s.stageJumps++;
        }
      });
      if (pushes >= CLOSE_DATE_PUSHES_MIN) s.pushedAgain++;
      if (pushes === 2) s.pushedTwice++;
      history = [];
    };
    let customerLines: Line[] = [];
    let linesOf = '';
    const closeCustomer = () => {
      derivedCrossSell(customerLines).forEach((derived, k) => {
        if (customerLines[k]?.crm !== derived) s.misflagged++;
      });
      customerLines = [];
    };
    walk(demoCompany(options('small')), (table, row, c) => {
      const v = (name: string) => row[c(name)] ?? '';
      switch (table) {
        case 'customer': {
          s.customers++;
          const name = normaliseCompanyName(v('name'));
          const domain = normaliseDomain(v('domain'));
          if (names.has(name) || domains.has(domain)) s.duplicates++;
          names.add(name);
          domains.add(domain);
          break;
        }
        case 'product':
          productLine.set(v('id'), v('product_line'));
          break;
        case 'opportunity':
          s.opportunities++;
          if (v('stage') === 'closed_won') s.won++;
          break;
        case 'opportunity_history':
          if (v('opportunity_id') !== historyOf) closeOpportunity();
          historyOf = v('opportunity_id');
          history.push({ stage: v('stage'), close: v('close_date'), at: v('changed_at') });
          break;
        case 'order_line': {
          if (v('customer_id') !== linesOf) closeCustomer();
          linesOf = v('customer_id');
          s.lines++;
          const isActive = v('status') === 'active';
          customerLines.push({
            id: v('id'),
            line: productLine.get(v('product_id')) ?? '',
            day: v('booked_at'),
            active: isActive,
            crm: v('crm_cross_sell_flag') === 'true',
          });
          if (isActive) active.push(v('id'));
          break;
        }
        case 'invoice':
          invoiced.add(v('order_line_id'));
          break;
      }
    });
    closeOpportunity();
    closeCustomer();
    s.activeLines = active.length;
    s.uninvoiced = active.filter((id) => !invoiced.has(id)).length;
  }, 60_000);

  it('has duplicate customers (same normalised name, or same domain) in the documented share', () => {
    expectShare(s.duplicates, s.customers, DUPLICATE_CUSTOMER_SHARE, 'duplicates');
  });

  it('has won deals jumping from an early stage to closed won at quarter end in the documented share, and no other stage skips', () => {
    expectShare(s.stageJumps, s.won, STAGE_JUMP_SHARE, 'stage jumps');
    expect(s.stageSkipsToWon).toBe(s.stageJumps);
  });

  it('has close dates pushed again and again in the documented share, and no deal pushed exactly twice', () => {
    expectShare(s.pushedAgain, s.opportunities, CLOSE_DATE_PUSH_SHARE, 'repeated pushes');
    expect(s.pushedTwice).toBe(0);
  });

  it('has CRM cross-sell flags contradicting the purchase history in the documented share', () => {
    expectShare(s.misflagged, s.lines, CRM_CROSS_SELL_MISFLAG_SHARE, 'misflags');
  });

  it('has active bookings without any invoice in the documented share', () => {
    expectShare(s.uninvoiced, s.activeLines, BOOKING_WITHOUT_INVOICE_SHARE, 'uninvoiced');
  });
});
