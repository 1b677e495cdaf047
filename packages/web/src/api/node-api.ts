import { nodeListSchema } from '@cairn/core/contract';
import type { z } from 'zod';
import { apiRequest } from './api-request';

export type NodeList = z.infer<typeof nodeListSchema>;
export type OrgNode = NodeList['items'][number];
export type NodeKind = OrgNode['kind'];

export interface NodeQuery {
  q?: string;
  kind?: NodeKind;
  limit?: number;
}

export function fetchNodes(query: NodeQuery, signal?: AbortSignal): Promise<NodeList> {
  return apiRequest('/nodes', nodeListSchema, { query: { ...query }, signal });
}
