/**
 * Authentication on every API request. The viewer comes from an API token
 * (Authorization: Bearer) or, failing that, the session cookie; a state-
 * changing request authenticated by cookie must also carry the session's
 * CSRF token in the x-csrf-token header (a token-authenticated one need not:
 * a browser never attaches a bearer token by itself). Every denied request
 * (401, 403, 429) writes exactly one warn line marked `security: true`, with
 * no credential in it.
 */
import fastifyCookie from '@fastify/cookie';
import { CSRF_HEADER, type Viewer } from '@cairn/core/contract';
import { assertNever, DomainError } from '@cairn/core/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthFailure, Authentication } from '../auth/authenticate';
import { sameSecret } from '../auth/secret-tokens';
import type { AuthContext } from './auth-context';

export const SESSION_COOKIE = 'cairn_session';
const SIGN_IN = 'POST /api/v1/auth/sign-in';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DENIED = new Set([401, 403, 429]);

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, or null when no valid credentials came with the request. */
    viewer: Viewer | null;
    /** The authentication behind `viewer`: display name, CSRF token, session expiry. */
    authentication: Extract<Authentication, { ok: true }> | null;
    /** Why credentials that came with the request were refused. */
    authFailure: AuthFailure | null;
    /** Why the request was denied, for the security log. */
    denial: { reason: string; detail?: string } | null;
  }
  interface FastifyContextConfig {
    /** Reachable by a cookie-authenticated state-changing request without the CSRF header (sign-in only). */
    csrfExempt?: boolean;
  }
}

/** What the log must never show: credentials in headers and bodies. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  `req.headers["${CSRF_HEADER}"]`,
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
  '*.csrfToken',
  '*.sessionSecret',
];

function unauthenticatedMessage(failure: AuthFailure | null): string {
  if (failure === null) return `sign in first: ${SIGN_IN} (or send an API token as Authorization: Bearer …)`;
  switch (failure) {
    case 'session_idle':
      return `your session ended after inactivity; sign in first: ${SIGN_IN}`;
    case 'session_expired':
      return `your session reached its time limit; sign in first: ${SIGN_IN}`;
    case 'session_unknown':
    case 'user_disabled':
      return `your session is no longer valid; sign in first: ${SIGN_IN}`;
    case 'token_malformed':
    case 'token_unknown':
    case 'token_revoked':
      return `the API token is not valid (unknown, revoked, or its user is disabled); send a valid one as Authorization: Bearer …, or sign in first: ${SIGN_IN}`;
    default:
      return assertNever(failure);
  }
}

/** A preHandler for routes that need a signed-in viewer: 401 problem+json otherwise. */
export async function requireViewer(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.viewer) return;
  request.denial = { reason: request.authFailure ?? 'no_credentials' };
  reply.header('www-authenticate', 'Bearer realm="cairn"');
  throw new DomainError('unauthenticated', unauthenticatedMessage(request.authFailure));
}

/** The viewer of a route guarded by requireViewer. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new DomainError('unauthenticated', unauthenticatedMessage(request.authFailure));
  return request.viewer;
}

export function setSessionCookie(reply: FastifyReply, secret: string, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', secure: 'auto', path: '/', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: 'auto', path: '/' });
}

async function resolve(auth: AuthContext, request: FastifyRequest, reply: FastifyReply): Promise<Authentication | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    return bearer ? auth.authenticate({ bearer }) : { ok: false, failure: 'token_malformed' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const result = await auth.authenticate({ sessionSecret: cookie });
  if (!result.ok) clearSessionCookie(reply);
  return result;
}

function checkCsrf(request: FastifyRequest, expected: string): void {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent === 'string' && sent !== '' && sameSecret(sent, expected)) return;
  const reason = typeof sent === 'string' && sent !== '' ? 'csrf_token_wrong' : 'csrf_token_missing';
  request.denial = { reason };
  throw new DomainError(
    'forbidden',
    `a ${request.method} signed in by cookie needs the ${CSRF_HEADER} header with the token from ${SIGN_IN} or GET /api/v1/auth/me`,
  );
}

/** Installs cookie parsing, the authentication and CSRF hook, and the security log on the root app. */
export async function installAuth(app: FastifyInstance, auth: AuthContext): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('viewer', null);
  app.decorateRequest('authentication', null);
  app.decorateRequest('authFailure', null);
  app.decorateRequest('denial', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const result = await resolve(auth, request, reply);
    if (result === null) return;
    if (!result.ok) {
      request.authFailure = result.failure;
      return;
    }
    request.viewer = result.viewer;
    request.authentication = result;
    if (result.csrfToken !== null && STATE_CHANGING.has(request.method) && !request.routeOptions.config?.csrfExempt) {
      checkCsrf(request, result.csrfToken);
    }
  });

  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof DomainError && request.denial === null) request.denial = { reason: error.code, detail: error.message };
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!DENIED.has(reply.statusCode)) return;
    request.log.warn(
      {
        security: true,
        reason: request.denial?.reason ?? `http_${reply.statusCode}`,
        ...(request.denial?.detail ? { detail: request.denial.detail } : {}),
        status: reply.statusCode,
        method: request.method,
        url: request.url.split('?')[0],
        userId: request.viewer?.userId ?? null,
        ...(request.authFailure ? { credentials: request.authFailure } : {}),
      },
      'request denied',
    );
  });
}
