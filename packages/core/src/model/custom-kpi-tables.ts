/**
 * KPI definitions a company adds through the API or `cairn kpi define`, beside
 * the standard library's YAML files: each version's YAML text (the KPI and the
 * measures it brings), stored once and never overwritten. kpi_definition
 * records their versions and hashes like the standard library's.
 */
import { col, table } from './table-builder';

export const CUSTOM_KPI_TABLES = [
  table(
    'custom_kpi',
    ['kpi_id', 'version'],
    [
      col('kpi_id', 'text', true),
      col('version', 'integer', true),
      col('definition_sha256', 'text', true),
      col('definition', 'text', true),
      col('stored_at', 'timestamp', true),
      col('stored_by', 'text', true),
    ],
  ),
];
