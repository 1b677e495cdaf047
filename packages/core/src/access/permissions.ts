/**
 * What each role may do, beside what it may see: one table, so a new action
 * cannot be added without deciding who holds it.
 */
import type { UserRole } from '../contract/viewer';

export const ACTIONS = [
  'read_catalog',
  'read_values',
  'read_rows',
  'annotate',
  'import_data',
  'set_targets',
  'edit_templates',
  'define_kpis',
  'manage_users',
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL: readonly UserRole[] = ['admin', 'sales_ops', 'executive', 'manager', 'rep', 'finance', 'auditor'];

export const PERMISSIONS: Record<Action, readonly UserRole[]> = {
  read_catalog: ALL,
  read_values: ALL,
  read_rows: ALL,
  // Auditors read; they do not add to what they audit.
  annotate: ['admin', 'sales_ops', 'executive', 'manager', 'rep', 'finance'],
  import_data: ['admin', 'sales_ops'],
  // A manager sets targets inside their own subtree only (scope is checked as well).
  set_targets: ['admin', 'sales_ops', 'manager'],
  edit_templates: ['admin', 'sales_ops'],
  // New KPI definitions change what every scorecard may read: the catalog's keepers only.
  define_kpis: ['admin', 'sales_ops'],
  manage_users: ['admin'],
};

export function mayDo(role: UserRole, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}
