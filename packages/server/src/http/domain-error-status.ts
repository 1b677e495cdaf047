/** The HTTP status of each domain error code; a new code does not compile without one. */
import type { DomainErrorCode } from '@cairn/core/domain';

export const DOMAIN_ERROR_STATUS: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  import_rejected: 422,
  store_locked: 503,
  rate_limited: 429,
};
