import { type annotationBodySchema, annotationListSchema, annotationSchema } from '@cairn/core/contract';
import type { z } from 'zod';
import { apiRequest } from './api-request';

export type Annotation = z.infer<typeof annotationSchema>;
export type NewAnnotation = z.infer<typeof annotationBodySchema>;

/** The annotations on a KPI for a node at one grain (their period labels match the trend's). */
export function fetchAnnotations(kpiId: string, node: string, grain: string, signal?: AbortSignal): Promise<Annotation[]> {
  return apiRequest('/annotations', annotationListSchema, { query: { kpiId, node, grain }, signal }).then((r) => r.items);
}

export function postAnnotation(body: NewAnnotation): Promise<Annotation> {
  return apiRequest('/annotations', annotationSchema, { method: 'POST', body });
}
