/** `cairn kpi …`: the KPI catalog's verbs. */
import type { Command } from 'commander';
import { registerKpiBreakdown } from './kpi-breakdown';
import { registerKpiCompile } from './kpi-compile';
import { registerKpiDefine } from './kpi-define';
import { registerKpiExplain } from './kpi-explain';

export function registerKpi(program: Command): void {
  const kpi = program.command('kpi').description('KPI definitions: define your own, compile to SQL, explain a value, break it down');
  registerKpiDefine(kpi, program);
  registerKpiCompile(kpi, program);
  registerKpiExplain(kpi, program);
  registerKpiBreakdown(kpi, program);
}
