/** Nodes travel in URLs and API paths as `kind:id` (`team:team-pl-emea-2`, `rep:R00023`, `enterprise:ent`). */
export interface NodeRef {
  kind: string;
  id: string;
}

export function nodeParam(node: NodeRef): string {
  return `${node.kind}:${node.id}`;
}

export function parseNodeParam(param: string): NodeRef | null {
  const at = param.indexOf(':');
  if (at <= 0 || at === param.length - 1) return null;
  return { kind: param.slice(0, at), id: param.slice(at + 1) };
}

const KIND_LABELS: Record<string, string> = {
  enterprise: 'Enterprise',
  division: 'Division',
  region: 'Region',
  team: 'Team',
  rep: 'Rep',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}
