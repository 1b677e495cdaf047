/**
 * The built web app at /, beside the API: static files with long caching for
 * hashed assets. Every other GET outside /api answers index.html (the problem
 * handler's not-found fallback), so a deep link such as
 * /scorecards/team:T1?period=FY2025-Q3 opens the app.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function serveWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
