import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context';

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          response: {
            200: z.object({ status: z.literal('ok'), store: z.string(), reportingCurrency: z.string(), fiscalYearStartMonth: z.number() }),
          },
        },
      },
      async () => ctx.health(),
    );
  };
}
