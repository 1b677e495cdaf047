/**
 * A failure the caller must handle. It carries a code and never an HTTP status:
 * the HTTP layer owns the mapping from code to status.
 */
export type DomainErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'import_rejected'
  | 'store_locked'
  | 'forbidden'
  | 'unauthenticated'
  /** Too many attempts; details carry `{ retryAfterSeconds }`. */
  | 'rate_limited';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: unknown;
  constructor(code: DomainErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** A user's mistake in a file, a catalog or a plan: a path and a message. */
export interface Diagnostic {
  path: string;
  message: string;
}
