/**
 * The one way the web app talks to the API: same-origin cookies, the CSRF
 * token on every state-changing request, problem+json turned into ApiError,
 * and every answer checked against its `@cairn/core/contract` schema so a
 * drifted server fails loudly here rather than as a blank cell somewhere.
 */
import { CSRF_HEADER } from '@cairn/core/contract';
import type { z } from 'zod';
import { ApiError, ContractError, type Problem } from './api-error';

export type QueryValue = string | number | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** A plain object is sent as JSON; FormData as multipart; a Blob or File as it is, with `contentType`. */
  body?: unknown;
  contentType?: string;
  /** Error statuses whose body is a normal answer of the schema (an import rejected with 422 still has a report). */
  answerStatuses?: readonly number[];
  signal?: AbortSignal;
}

let csrfToken: string | null = null;

/** Remembered from sign-in and /auth/me; sent on every POST, PUT and DELETE. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

export async function apiRequest<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    // The browser writes the multipart boundary into the content type itself.
    body = options.body;
  } else if (options.body instanceof Blob) {
    body = options.body;
    headers['content-type'] = options.contentType ?? (options.body.type || 'application/octet-stream');
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  const url = apiUrl(path, options.query);
  const response = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  if (!response.ok && !options.answerStatuses?.includes(response.status)) throw await toApiError(response);
  const payload: unknown = response.status === 204 ? undefined : await response.json();
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ContractError(`The server's answer to ${method} ${path} did not have the expected shape (${issues.join('; ')}).`);
  }
  return parsed.data;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  const text = await response.text().catch(() => '');
  let problem: Problem = { type: 'about:blank', title: response.statusText || 'error', status: response.status, detail: '' };
  try {
    const json = JSON.parse(text) as Partial<Problem>;
    problem = {
      type: typeof json.type === 'string' ? json.type : problem.type,
      title: typeof json.title === 'string' ? json.title : problem.title,
      status: response.status,
      detail: typeof json.detail === 'string' ? json.detail : '',
    };
  } catch {
    problem.detail = text.slice(0, 300);
  }
  return new ApiError(response.status, problem, wait);
}
