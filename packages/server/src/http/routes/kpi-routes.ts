/** The KPI catalog, its versions, KPI values, explain, and annotations on values. Scope is the ScopedApi's. */
import {
  annotationBodySchema,
  annotationListQuerySchema,
  annotationListSchema,
  annotationSchema,
  breakdownQuerySchema,
  breakdownSchema,
  explainQuerySchema,
  explainSchema,
  kpiDefineBodySchema,
  kpiDetailSchema,
  kpiListQuerySchema,
  kpiListSchema,
  kpiValuesQuerySchema,
  kpiValuesSchema,
} from '@cairn/core/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requireViewer, viewerOf } from '../auth-plugin';

const kpiId = z.object({ id: z.string().min(1).max(100) });

export function kpiRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireViewer);
    app.get('/api/v1/kpis', { schema: { querystring: kpiListQuerySchema, response: { 200: kpiListSchema } } }, async (request) => {
      const { q, ...rest } = request.query;
      return ctx.as(viewerOf(request)).listKpis({ ...rest, ...(q ? { search: q } : {}) });
    });
    app.post('/api/v1/kpis', { schema: { body: kpiDefineBodySchema, response: { 201: kpiDetailSchema } } }, async (request, reply) => {
      reply.status(201);
      return ctx.as(viewerOf(request)).defineKpi(request.body);
    });
    app.get('/api/v1/kpis/:id', { schema: { params: kpiId, response: { 200: kpiDetailSchema } } }, async (request) =>
      ctx.as(viewerOf(request)).getKpi(request.params.id),
    );
    app.get(
      '/api/v1/kpis/:id/values',
      { schema: { params: kpiId, querystring: kpiValuesQuerySchema, response: { 200: kpiValuesSchema } } },
      async (request) => ctx.as(viewerOf(request)).kpiValues({ kpiId: request.params.id, ...request.query }),
    );
    app.get(
      '/api/v1/kpis/:id/breakdown',
      { schema: { params: kpiId, querystring: breakdownQuerySchema, response: { 200: breakdownSchema } } },
      async (request) => ctx.as(viewerOf(request)).kpiBreakdown({ kpiId: request.params.id, ...request.query }),
    );
    app.get(
      '/api/v1/kpis/:id/explain',
      { schema: { params: kpiId, querystring: explainQuerySchema, response: { 200: explainSchema } } },
      async (request) => ctx.as(viewerOf(request)).explain({ kpiId: request.params.id, ...request.query }),
    );
    app.get(
      '/api/v1/annotations',
      { schema: { querystring: annotationListQuerySchema, response: { 200: annotationListSchema } } },
      async (request) => {
        const { period, grain, ...rest } = request.query;
        return {
          items: await ctx.as(viewerOf(request)).annotations({ ...rest, ...(period ? { period } : {}), ...(grain ? { grain } : {}) }),
        };
      },
    );
    app.post(
      '/api/v1/annotations',
      { schema: { body: annotationBodySchema, response: { 201: annotationSchema } } },
      async (request, reply) => {
        reply.status(201);
        return ctx.as(viewerOf(request)).annotate(request.body);
      },
    );
  };
}
