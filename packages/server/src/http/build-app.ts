/** The HTTP application: zod-validated routes over the app context, problem+json errors. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { TrustProxy } from '../config/load-config';
import type { AppContext } from './app-context';
import { installAuth, LOG_REDACT_PATHS } from './auth-plugin';
import { installProblemHandler } from './problem';
import { serveWebApp } from './serve-web-app';
import { authRoutes } from './routes/auth-routes';
import { healthRoutes } from './routes/health-routes';
import { importRoutes } from './routes/import-routes';
import { kpiRoutes } from './routes/kpi-routes';
import { scorecardRoutes } from './routes/scorecard-routes';
import { userRoutes } from './routes/user-routes';

/** Logger options with credentials redacted, whatever the caller passed. */
function loggerOptions(logger: boolean | object | undefined): false | object {
  if (!logger) return false;
  return { ...(logger === true ? {} : logger), redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } };
}

export async function buildApp(
  ctx: AppContext,
  opts: {
    logger?: boolean | object;
    trustProxy?: TrustProxy;
    /** The built web app (packages/web/dist), served at / with the API; absent when not built. */
    webRoot?: string;
    /** Called for every route registered (the access-matrix test lists them). */
    onRoute?: (route: { method: string | string[]; url: string }) => void;
  } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    trustProxy: opts.trustProxy ?? false,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webRoot = opts.webRoot && existsSync(join(opts.webRoot, 'index.html')) ? opts.webRoot : null;
  installProblemHandler(app, { spaFallback: webRoot !== null });
  if (opts.onRoute) app.addHook('onRoute', (r) => opts.onRoute?.({ method: r.method, url: r.url }));
  if (ctx.prepare) {
    const prepare = ctx.prepare.bind(ctx);
    app.addHook('onRequest', async (request) => {
      if (request.url.startsWith('/api/v1/')) await prepare();
    });
  }
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Cairn API',
        version: '1',
        description:
          'Sales performance management on the Balanced Scorecard. Sign in with POST /api/v1/auth/sign-in (session cookie; send x-csrf-token on writes) or send an API token as Authorization: Bearer. Errors are application/problem+json. Lists are paginated (limit ≤ the documented maximum). Uploads: at most 200 MB and 2,000,000 rows per file, streamed, never buffered whole.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'cairn_session' } },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: ['/api/docs', '/api/docs/*', '/api/openapi.json', '/*'] }),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await installAuth(app, ctx.auth);
  await app.register(healthRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(authRoutes(ctx.auth));
  await app.register(userRoutes(ctx.auth));
  await app.register(kpiRoutes(ctx));
  await app.register(scorecardRoutes(ctx));
  if (webRoot) await serveWebApp(app, webRoot);
  return app;
}
