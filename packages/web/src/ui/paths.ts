/** The app's URLs, built in one place; a node keeps its readable `kind:id` form in the path. */
function segment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':');
}

function query(params: Record<string, string | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export function scorecardPath(node: string, period: string | null): string {
  return `/scorecards/${segment(node)}${query({ period })}`;
}

export function strategyMapPath(node: string, period: string | null): string {
  return `/strategy-map/${segment(node)}${query({ period })}`;
}

export function kpiPath(kpiId: string, node: string | null, period: string | null, grain?: string | null): string {
  return `/kpis/${segment(kpiId)}${query({ node, period, grain })}`;
}
