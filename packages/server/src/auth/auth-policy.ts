/** How long sessions live and how hard sign-in is throttled; read from the configuration. */
export interface AuthPolicy {
  /** A session ends after this long without a request. */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however active. */
  sessionMaxHours: number;
  /** Failed sign-ins for one email within the window before sign-in for it is refused. */
  maxFailuresPerEmail: number;
  /** Failed sign-ins from one client address within the window before its sign-ins are refused. */
  maxFailuresPerClient: number;
  failureWindowMinutes: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  maxFailuresPerEmail: 5,
  maxFailuresPerClient: 20,
  failureWindowMinutes: 15,
};

export const MINUTE_MS = 60_000;
