import { describe, expect, it } from 'vitest';
import type { UserRole, Viewer } from '../contract/viewer';
import type { NodeKind } from '../metrics/org-node';
import { canSeeNode, type OrgIndex } from './node-scope';

// ENT → DIV → REG → T1, T2. RA is in T1 throughout; RC moves from T2 to T1 on 2024-04-01.
const parents: Record<string, string | null> = { ENT: null, DIV: 'ENT', REG: 'DIV', T1: 'REG', T2: 'REG' };
const kinds: Record<string, NodeKind> = { ENT: 'enterprise', DIV: 'division', REG: 'region', T1: 'team', T2: 'team' };
const org: OrgIndex = {
  parentOf: (u) => parents[u] ?? null,
  kindOf: (u) => kinds[u] ?? null,
  repUnitAt: (rep, date) => {
    if (rep === 'RA') return 'T1';
    if (rep === 'RC') return date < '2024-04-01' ? 'T2' : 'T1';
    return null;
  },
};

const viewer = (role: UserRole, extra: Partial<Viewer> = {}): Viewer => ({
  userId: 'u',
  email: 'u@x.test',
  role,
  orgUnitId: null,
  repId: null,
  via: 'session',
  ...extra,
});

describe('canSeeNode', () => {
  const manager = viewer('manager', { orgUnitId: 'T1' });
  const rep = viewer('rep', { repId: 'RA' });

  it.each([
    // A team manager sees their team and its reps, not the other team or anything above.
    [manager, 'team', 'T1', 'detail', '2024-06-30', true],
    [manager, 'team', 'T2', 'aggregate', '2024-06-30', false],
    [manager, 'region', 'REG', 'aggregate', '2024-06-30', false],
    [manager, 'rep', 'RA', 'detail', '2024-06-30', true],
    // RC's months in T2 are not T1's manager's to see; his months in T1 are.
    [manager, 'rep', 'RC', 'detail', '2024-03-31', false],
    [manager, 'rep', 'RC', 'detail', '2024-04-01', true],
    // A rep sees their own detail, and only the aggregates of their team and the enterprise.
    [rep, 'rep', 'RA', 'detail', '2024-06-30', true],
    [rep, 'rep', 'RC', 'aggregate', '2024-06-30', false],
    [rep, 'team', 'T1', 'aggregate', '2024-06-30', true],
    [rep, 'team', 'T1', 'detail', '2024-06-30', false],
    [rep, 'team', 'T2', 'aggregate', '2024-06-30', false],
    [rep, 'region', 'REG', 'aggregate', '2024-06-30', false],
    [rep, 'enterprise', 'ENT', 'aggregate', '2024-06-30', true],
    [rep, 'enterprise', 'ENT', 'detail', '2024-06-30', false],
    // Roles that see by role.
    [viewer('executive'), 'rep', 'RC', 'detail', '2024-06-30', true],
    [viewer('auditor'), 'team', 'T2', 'detail', '2024-06-30', true],
    // A manager or rep with nothing attached sees nothing.
    [viewer('manager'), 'team', 'T1', 'aggregate', '2024-06-30', false],
    [viewer('rep'), 'rep', 'RA', 'detail', '2024-06-30', false],
  ] as const)('%o sees %s %s (%s, %s): %s', (v, kind, id, depth, date, expected) => {
    expect(canSeeNode(v, { kind, id }, depth, org, date)).toBe(expected);
  });

  it('lets a rep see more aggregates when the role is configured to', () => {
    expect(canSeeNode(rep, { kind: 'region', id: 'REG' }, 'aggregate', org, '2024-06-30', { repAggregates: ['region'] })).toBe(true);
    expect(canSeeNode(rep, { kind: 'enterprise', id: 'ENT' }, 'aggregate', org, '2024-06-30', { repAggregates: [] })).toBe(false);
  });
});
