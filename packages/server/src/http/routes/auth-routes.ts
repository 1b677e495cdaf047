import {
  apiTokenSchema,
  authStatusSchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  signInBodySchema,
  tokenListQuerySchema,
} from '@cairn/core/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../auth-context';
import { clearSessionCookie, requireViewer, SESSION_COOKIE, setSessionCookie, viewerOf } from '../auth-plugin';

export function authRoutes(auth: AuthContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/auth/sign-in',
      { config: { csrfExempt: true }, schema: { body: signInBodySchema, response: { 200: authStatusSchema } } },
      async (request, reply) => {
        const s = await auth.signIn({ email: request.body.email, password: request.body.password, client: request.ip });
        // Signing in again (perhaps as someone else) ends the session the browser held.
        const previous = request.cookies[SESSION_COOKIE];
        if (previous && request.viewer?.via === 'session') await auth.signOut(previous);
        setSessionCookie(reply, s.sessionSecret, auth.session.maxSeconds);
        reply.header('cache-control', 'no-store');
        return {
          viewer: s.viewer,
          displayName: s.displayName,
          csrfToken: s.csrfToken,
          expiresAt: new Date(s.expiresAt).toISOString(),
          idleTimeoutMinutes: auth.session.idleMinutes,
        };
      },
    );
    app.post('/api/v1/auth/sign-out', async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie && request.viewer?.via === 'session') await auth.signOut(cookie);
      clearSessionCookie(reply);
      reply.status(204).send();
    });
    app.get('/api/v1/auth/me', { preHandler: requireViewer, schema: { response: { 200: authStatusSchema } } }, async (request, reply) => {
      const a = request.authentication;
      reply.header('cache-control', 'no-store');
      return {
        viewer: viewerOf(request),
        displayName: a?.displayName ?? viewerOf(request).email,
        csrfToken: a?.csrfToken ?? null,
        expiresAt: a?.expiresAt == null ? null : new Date(a.expiresAt).toISOString(),
        idleTimeoutMinutes: a?.csrfToken == null ? null : auth.session.idleMinutes,
      };
    });
    app.get(
      '/api/v1/auth/tokens',
      {
        preHandler: requireViewer,
        schema: { querystring: tokenListQuerySchema, response: { 200: z.object({ items: z.array(apiTokenSchema) }) } },
      },
      async (request) => ({ items: await auth.listApiTokens(viewerOf(request), request.query.user_id) }),
    );
    app.post(
      '/api/v1/auth/tokens',
      { preHandler: requireViewer, schema: { body: createApiTokenBodySchema, response: { 201: createdApiTokenSchema } } },
      async (request, reply) => {
        const created = await auth.createApiToken(viewerOf(request), request.body);
        reply.status(201).header('cache-control', 'no-store');
        return created;
      },
    );
    app.delete(
      '/api/v1/auth/tokens/:id',
      { preHandler: requireViewer, schema: { params: z.object({ id: z.string().min(1) }) } },
      async (request, reply) => {
        await auth.revokeApiToken(viewerOf(request), request.params.id);
        reply.status(204).send();
      },
    );
  };
}
