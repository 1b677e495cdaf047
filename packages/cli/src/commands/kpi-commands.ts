/** `cairn kpi …`: the KPI catalog's verbs. */
import type { Command } from 'commander';
import { registerKpiCompile } from './kpi-compile';
import { registerKpiExplain } from './kpi-explain';

export function registerKpi(program: Command): void {
  const kpi = program.command('kpi').description('KPI definitions: compile to SQL, explain a value');
  registerKpiCompile(kpi, program);
  registerKpiExplain(kpi, program);
}
