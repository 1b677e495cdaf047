/**
 * What went wrong with a request, as the API said it (RFC 9457 problem+json):
 * 401 means "sign in", 403 "not allowed" with the refusal in `detail`, 429
 * "wait" with Retry-After. Pages decide what to show from the status alone.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** Seconds to wait before trying again (429), from the Retry-After header. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.detail || problem.title);
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The answer parsed, but not into the shape the contract promises: a version mismatch between web and server. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
}
