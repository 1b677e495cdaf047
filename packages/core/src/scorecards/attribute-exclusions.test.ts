import { describe, expect, it } from 'vitest';
import type { Expr } from '../metrics/formula-ast';
import { parseFormula } from '../metrics/parse-formula';
import { attributeExclusions, type MeasureContributionRow } from './attribute-exclusions';
import type { ExcludedDeal } from './scorecard-types';

const expr = (text: string): Expr => {
  const r = parseFormula(text);
  if (!r.ok) throw new Error(text);
  return r.expr;
};

const org = { rep_id: 'RA', team_id: 'T1', region_id: 'REG', division_id: 'DIV', enterprise_id: 'ENT' };
const deal = (id: string, amountMinor: number): ExcludedDeal => ({
  opportunityId: id,
  amountMinor,
  segment: 'smb',
  segmentMedianMinor: 100_000,
});

describe('attributeExclusions', () => {
  // Win rate by value = safe_div(won_amount, closed_amount). D1 (won, 900,000) closes in February and
  // D2 (lost, 700,000) in March 2024, both RA's in T1.
  const rows: MeasureContributionRow[] = [
    { measure: 'won_amount', row_id: 'D1', k_month: '2024-02-01', ...org, contribution: 900_000 },
    { measure: 'closed_amount', row_id: 'D1', k_month: '2024-02-01', ...org, contribution: 900_000 },
    { measure: 'closed_amount', row_id: 'D2', k_month: '2024-03-01', ...org, contribution: 700_000 },
  ];
  const deals = new Map([
    ['D1', deal('D1', 900_000)],
    ['D2', deal('D2', 700_000)],
  ]);
  const out = attributeExclusions(
    { kpiId: 'win_rate_value', numerator: expr('won_amount'), denominator: expr('closed_amount') },
    rows,
    deals,
    { startMonth: 1 },
  );

  it('takes each deal out of its own month only', () => {
    expect(out.get('rep:RA|month|2024-02-01|win_rate_value')).toMatchObject({ numerator: 900_000, denominator: 900_000 });
    // D2 was lost: it leaves the denominator only.
    expect(out.get('team:T1|month|2024-03-01|win_rate_value')).toMatchObject({ numerator: 0, denominator: 700_000 });
  });

  it('sums both deals in the quarter and the year, at every level, largest deal listed first', () => {
    for (const node of ['rep:RA', 'team:T1', 'region:REG', 'division:DIV', 'enterprise:ENT']) {
      // Q1: 900,000 won of 900,000 + 700,000 = 1,600,000 closed.
      const q = out.get(`${node}|quarter|2024-01-01|win_rate_value`);
      expect(q?.numerator).toBe(900_000);
      expect(q?.denominator).toBe(1_600_000);
      expect(q?.deals.map((d) => d.opportunityId)).toEqual(['D1', 'D2']);
      expect(out.get(`${node}|year|2024-01-01|win_rate_value`)?.denominator).toBe(1_600_000);
    }
  });

  it('subtracts what a deal adds to a difference of measures', () => {
    // net = gross − cancelled: a cancelled outlier of 500 adds 500 to gross and 500 to cancelled → 0 to net.
    const net = attributeExclusions(
      { kpiId: 'net', numerator: expr('gross - cancelled'), denominator: null },
      [
        { measure: 'gross', row_id: 'D1', k_month: '2024-02-01', ...org, contribution: 500 },
        { measure: 'cancelled', row_id: 'D1', k_month: '2024-02-01', ...org, contribution: 500 },
      ],
      new Map([['D1', deal('D1', 500)]]),
      { startMonth: 1 },
    );
    expect(net.get('rep:RA|month|2024-02-01|net')).toMatchObject({ numerator: 0, denominator: 0 });
  });
});
