/** The Balanced Scorecard perspectives as a reader names them. */
import { assertNever } from '../domain/assert-never';
import type { Perspective } from '../metrics/kpi-definition';

/** "Internal process" for `internal_process`, and so on. */
export function perspectiveLabel(perspective: Perspective): string {
  switch (perspective) {
    case 'financial':
      return 'Financial';
    case 'customer':
      return 'Customer';
    case 'internal_process':
      return 'Internal process';
    case 'learning_growth':
      return 'Learning & growth';
    default:
      return assertNever(perspective, 'perspective');
  }
}
