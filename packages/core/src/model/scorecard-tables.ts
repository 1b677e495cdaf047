/**
 * Scorecards' own tables. Templates are stored with their versions like KPI
 * definitions (a change is a new version, never an overwrite). Overrides and
 * tolerances are append-only: the latest row for a key is in force, and the
 * earlier ones are the record of who changed what and why. Scored scorecards
 * are materialised, so a page reads one row rather than recomputing.
 */
import { col, table } from './table-builder';

export const SCORECARD_TABLES = [
  table(
    'scorecard_template',
    ['template_id', 'version'],
    [
      col('template_id', 'text', true),
      col('version', 'integer', true),
      col('definition_sha256', 'text', true),
      col('definition', 'text', true),
      col('subject', 'text', true),
      col('stored_at', 'timestamp', true),
      col('stored_by', 'text', true),
    ],
  ),
  table(
    'kpi_target_override',
    ['id'],
    [
      col('id', 'text', true),
      col('kpi_id', 'text', true),
      col('node_kind', 'text', true),
      col('node_id', 'text', true),
      col('period_label', 'text', true),
      col('value', 'double', true),
      col('reason', 'text', true),
      col('set_by', 'text', true),
      col('set_at', 'timestamp', true),
    ],
  ),
  table(
    'scorecard_tolerance',
    ['id'],
    [
      col('id', 'text', true),
      col('region_id', 'text', true),
      /** `*` applies to every KPI of the region. */
      col('kpi_id', 'text', true),
      col('tolerance_pp', 'double', true),
      col('reason', 'text', true),
      col('set_by', 'text', true),
      col('set_at', 'timestamp', true),
    ],
  ),
  table(
    'scorecard_result',
    // No primary key: a run replaces its periods by DELETE then INSERT in one transaction, which DuckDB's
    // constraint checking refuses for re-inserted keys (the same reason kpi_value has none).
    undefined,
    [
      col('node_kind', 'text', true),
      col('node_id', 'text', true),
      col('grain', 'text', true),
      col('period_label', 'text', true),
      col('period_start', 'date', true),
      col('parent_kind', 'text'),
      col('parent_id', 'text'),
      col('template_id', 'text', true),
      col('template_version', 'integer', true),
      col('score', 'double'),
      col('band', 'text', true),
      col('payload', 'text', true),
      col('computed_at', 'timestamp', true),
    ],
  ),
];

/**
 * Migration 8: the layouts stored scorecard summaries are positional against (scorecardLayout): a template
 * version's tree of perspective, objective and KPI ids with their weights, stored once under the hash of its
 * text, which every scorecard_result payload names first.
 */
export const SCORECARD_LAYOUT_TABLES = [
  table(
    'scorecard_layout',
    ['layout_id'],
    [
      col('layout_id', 'text', true),
      col('template_id', 'text', true),
      col('template_version', 'integer', true),
      col('layout', 'text', true),
      col('stored_at', 'timestamp', true),
    ],
  ),
];
