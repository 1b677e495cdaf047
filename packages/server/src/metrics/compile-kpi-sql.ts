/** The SQL of one KPI for one period, printed by a dialect: what `cairn kpi compile` shows. */
import { DomainError, type FiscalCalendar, type Period, parsePeriod } from '@cairn/core/domain';
import { compileKpiQuery, KPI_GRAINS, type KpiCatalog, type KpiGrain } from '@cairn/core/metrics';
import { DuckDbDialect, type DialectName, PostgresDialect, type RenderedSql, renderSql } from '@cairn/core/sql';

export function compileKpiSql(
  catalog: KpiCatalog,
  req: { kpiId: string; dialect: DialectName; period: string; calendar: FiscalCalendar },
): RenderedSql {
  const kpi = catalog.kpis.get(req.kpiId);
  if (!kpi) throw new DomainError('not_found', `unknown KPI \`${req.kpiId}\`; known: ${[...catalog.kpis.keys()].join(', ')}`);
  const parsed = parsePeriod(req.period, req.calendar);
  if (!parsed.ok) throw new DomainError('invalid_input', parsed.reason);
  if (!KPI_GRAINS.includes(parsed.value.grain as KpiGrain))
    throw new DomainError('invalid_input', `KPIs are computed by ${KPI_GRAINS.join(', ')}`);
  const query = compileKpiQuery(kpi, catalog, { periods: [parsed.value as Period & { grain: KpiGrain }], calendar: req.calendar });
  return renderSql(query, req.dialect === 'duckdb' ? DuckDbDialect : PostgresDialect);
}
