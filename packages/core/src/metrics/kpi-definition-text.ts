/**
 * A KPI definition sent on its own (to the API or `cairn kpi define`): the
 * YAML a catalog file holds, with exactly one KPI under `kpis:` and any new
 * measures it reads under `measures:`. This finds that KPI's id and version
 * before the text is validated with the whole catalog.
 */
import { parseDocument } from 'yaml';
import { DomainError } from '../domain/domain-error';

export function kpiOfDefinitionText(text: string): { id: string; version: number } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new DomainError('invalid_input', `definition: YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  const js = doc.toJS() as { kpis?: Record<string, { version?: unknown } | null> } | null;
  const ids = Object.keys(js?.kpis ?? {});
  if (ids.length !== 1) {
    throw new DomainError(
      'invalid_input',
      `definition: holds ${ids.length} KPIs; give exactly one under \`kpis:\` (and the new measures it reads under \`measures:\`)`,
    );
  }
  const id = ids[0] as string;
  const version = js?.kpis?.[id]?.version;
  return { id, version: typeof version === 'number' ? version : Number.NaN };
}
