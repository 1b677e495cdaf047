/**
 * What the HTTP layer may ask of authentication and user administration:
 * one function per use case, bound to the running Cairn. Functions that act
 * for someone take the viewer and decide themselves what that viewer may do.
 */
import type { ApiTokenSummary, CreatedApiToken, NewUser, UserPage, UserSummary, Viewer } from '@cairn/core/contract';
import type { Authentication } from '../auth/authenticate';
import type { SignedIn, SignInRequest } from '../auth/sign-in';

export interface AuthContext {
  /** Session lifetimes, for the cookie's Max-Age and the web app's notice. */
  readonly session: { idleMinutes: number; maxSeconds: number };
  /** Resolves a session cookie's value or a bearer token (the token wins when both are sent). */
  authenticate(credentials: { sessionSecret?: string; bearer?: string }): Promise<Authentication>;
  signIn(req: SignInRequest): Promise<SignedIn>;
  signOut(sessionSecret: string): Promise<void>;
  /** The viewer's own tokens, or (admin) another user's. */
  listApiTokens(viewer: Viewer, userId?: string): Promise<ApiTokenSummary[]>;
  createApiToken(viewer: Viewer, req: { name: string; userId?: string }): Promise<CreatedApiToken>;
  revokeApiToken(viewer: Viewer, tokenId: string): Promise<void>;
  listUsers(viewer: Viewer, page: { limit: number; offset: number }): Promise<UserPage>;
  createUser(viewer: Viewer, user: NewUser): Promise<UserSummary>;
  disableUser(viewer: Viewer, userId: string): Promise<UserSummary>;
}
