/** The HTTP application: zod-validated routes over the app context, problem+json errors. */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context';
import { installProblemHandler } from './problem';
import { healthRoutes } from './routes/health-routes';
import { importRoutes } from './routes/import-routes';

export async function buildApp(ctx: AppContext, opts: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);
  await app.register(healthRoutes(ctx));
  await app.register(importRoutes(ctx));
  return app;
}
