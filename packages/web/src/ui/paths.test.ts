import { describe, expect, it } from 'vitest';
import { parseNodeParam } from './node-ref';
import { kpiPath, scorecardPath } from './paths';

describe('app paths', () => {
  it('keeps a node readable as kind:id in the path and encodes the rest', () => {
    expect(scorecardPath('team:team-pl-emea-2', 'FY2025-Q3')).toBe('/scorecards/team:team-pl-emea-2?period=FY2025-Q3');
    expect(scorecardPath('rep:R 1/2', null)).toBe('/scorecards/rep:R%201%2F2');
  });

  it('leaves out the query parameters it does not have', () => {
    expect(kpiPath('win_rate', 'rep:R00023', 'FY2025', null)).toBe('/kpis/win_rate?node=rep%3AR00023&period=FY2025');
    expect(kpiPath('win_rate', null, null)).toBe('/kpis/win_rate');
  });

  it('parses kind:id and refuses anything else', () => {
    expect(parseNodeParam('enterprise:ent')).toEqual({ kind: 'enterprise', id: 'ent' });
    expect(parseNodeParam('rep:a:b')).toEqual({ kind: 'rep', id: 'a:b' });
    expect(parseNodeParam('R00023')).toBeNull();
    expect(parseNodeParam('team:')).toBeNull();
  });
});
