import { createUserBodySchema, pageQuerySchema, userPageSchema, userSchema } from '@cairn/core/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../auth-context';
import { requireViewer, viewerOf } from '../auth-plugin';

export function userRoutes(auth: AuthContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/users',
      { preHandler: requireViewer, schema: { querystring: pageQuerySchema, response: { 200: userPageSchema } } },
      async (request) => auth.listUsers(viewerOf(request), request.query),
    );
    app.post(
      '/api/v1/users',
      { preHandler: requireViewer, schema: { body: createUserBodySchema, response: { 201: userSchema } } },
      async (request, reply) => {
        const user = await auth.createUser(viewerOf(request), request.body);
        reply.status(201);
        return user;
      },
    );
    app.post(
      '/api/v1/users/:id/disable',
      { preHandler: requireViewer, schema: { params: z.object({ id: z.string().min(1) }), response: { 200: userSchema } } },
      async (request) => auth.disableUser(viewerOf(request), request.params.id),
    );
  };
}
