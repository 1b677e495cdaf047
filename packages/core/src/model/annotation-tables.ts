/** Comments on KPI values (a KPI at a node and period): shown on chart points and in explain. Append-only. */
import { col, table } from './table-builder';

export const ANNOTATION_TABLES = [
  table(
    'kpi_annotation',
    ['id'],
    [
      col('id', 'text', true),
      col('kpi_id', 'text', true),
      col('node_kind', 'text', true),
      col('node_id', 'text', true),
      col('grain', 'text', true),
      col('period_label', 'text', true),
      col('period_start', 'date', true),
      col('body', 'text', true),
      col('author_user_id', 'text', true),
      col('author_email', 'text', true),
      col('created_at', 'timestamp', true),
    ],
  ),
];
