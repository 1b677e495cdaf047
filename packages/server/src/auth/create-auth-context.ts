/**
 * Binds the auth services to a store for the HTTP layer, and decides here,
 * not in routes, who may do what: user administration needs the
 * manage_users permission; tokens are one's own unless one holds it.
 */
import { mayDo } from '@cairn/core/access';
import type { Viewer } from '@cairn/core/contract';
import { DomainError } from '@cairn/core/domain';
import type { Store } from '../db/store';
import type { AuthContext } from '../http/auth-context';
import { type AuthPolicy, DEFAULT_AUTH_POLICY } from './auth-policy';
import { authenticateSession, authenticateToken } from './authenticate';
import { createApiToken } from './create-api-token';
import { createUser } from './create-user';
import { disableUser } from './disable-user';
import { listApiTokens } from './list-api-tokens';
import { listUsers } from './list-users';
import { revokeApiToken } from './revoke-api-token';
import { signIn } from './sign-in';
import { signOut } from './sign-out';

function requireUserAdmin(viewer: Viewer): void {
  if (!mayDo(viewer.role, 'manage_users'))
    throw new DomainError('forbidden', `managing users needs the admin role; you are signed in as ${viewer.role}`);
}

/** The user whose tokens are meant: the viewer's own unless an admin names another. */
function tokenOwner(viewer: Viewer, userId: string | undefined): string {
  if (userId === undefined || userId === viewer.userId) return viewer.userId;
  if (!mayDo(viewer.role, 'manage_users')) throw new DomainError('forbidden', "only an admin manages another user's API tokens");
  return userId;
}

/** `clock` gives the current time in epoch milliseconds; tests pass their own. */
export function createAuthContext(store: Store, policy: AuthPolicy = DEFAULT_AUTH_POLICY, clock: () => number = Date.now): AuthContext {
  return {
    session: { idleMinutes: policy.sessionIdleMinutes, maxSeconds: policy.sessionMaxHours * 3600 },
    authenticate: async ({ sessionSecret, bearer }) => {
      if (bearer !== undefined) return authenticateToken(store, bearer, clock());
      if (sessionSecret !== undefined) return authenticateSession(store, policy, sessionSecret, clock());
      throw new Error('authenticate needs a session secret or a bearer token');
    },
    signIn: (req) => signIn(store, policy, req, clock()),
    signOut: (sessionSecret) => signOut(store, sessionSecret),
    listApiTokens: async (viewer, userId) => listApiTokens(store, tokenOwner(viewer, userId)),
    createApiToken: async (viewer, req) => {
      // A leaked token must not be able to mint its own successors.
      if (viewer.via !== 'session') throw new DomainError('forbidden', 'create API tokens from a signed-in session, not with a token');
      return createApiToken(store, { userId: tokenOwner(viewer, req.userId), name: req.name, createdBy: viewer.email }, clock());
    },
    revokeApiToken: async (viewer, tokenId) =>
      revokeApiToken(store, { tokenId, ownerId: mayDo(viewer.role, 'manage_users') ? null : viewer.userId }, clock()),
    listUsers: async (viewer, page) => {
      requireUserAdmin(viewer);
      return listUsers(store, page);
    },
    createUser: async (viewer, user) => {
      requireUserAdmin(viewer);
      return createUser(store, user, { actor: viewer.email, now: clock() });
    },
    disableUser: async (viewer, userId) => {
      requireUserAdmin(viewer);
      if (userId === viewer.userId) throw new DomainError('conflict', 'you cannot disable your own account; ask another admin');
      return disableUser(store, { id: userId }, { now: clock() });
    },
  };
}
