/** Scorecards, strategy maps (JSON or SVG), targets and the org nodes to pick them from. Scope is the ScopedApi's. */
import {
  nodeListQuerySchema,
  nodeListSchema,
  nodeParamSchema,
  scorecardQuerySchema,
  scorecardViewSchema,
  strategyMapQuerySchema,
  strategyMapSchema,
  targetOverrideBodySchema,
  targetOverrideResultSchema,
  toleranceBodySchema,
} from '@cairn/core/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requireViewer, viewerOf } from '../auth-plugin';

const nodeParam = z.object({ node: nodeParamSchema });

export function scorecardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireViewer);
    app.get('/api/v1/nodes', { schema: { querystring: nodeListQuerySchema, response: { 200: nodeListSchema } } }, async (request) => {
      const { q, kind, limit } = request.query;
      return { items: await ctx.as(viewerOf(request)).nodes({ limit, ...(q ? { search: q } : {}), ...(kind ? { kind } : {}) }) };
    });
    app.get(
      '/api/v1/scorecards/:node',
      { schema: { params: nodeParam, querystring: scorecardQuerySchema, response: { 200: scorecardViewSchema } } },
      async (request) => ctx.as(viewerOf(request)).scorecard({ node: request.params.node, period: request.query.period }),
    );
    app.get(
      '/api/v1/strategy-maps/:node',
      { schema: { params: nodeParam, querystring: strategyMapQuerySchema, response: { 200: strategyMapSchema.or(z.string()) } } },
      async (request, reply) => {
        const map = await ctx.as(viewerOf(request)).strategyMap({ node: request.params.node, period: request.query.period });
        if (request.query.format === 'svg') {
          reply.type('image/svg+xml');
          return map.svg;
        }
        return { model: map.model, links: map.links, crossSellChecks: map.crossSellChecks, checkedAcross: map.checkedAcross, svg: map.svg };
      },
    );
    app.post(
      '/api/v1/targets/overrides',
      { schema: { body: targetOverrideBodySchema, response: { 201: targetOverrideResultSchema } } },
      async (request, reply) => {
        reply.status(201);
        return ctx.as(viewerOf(request)).setTargetOverride(request.body);
      },
    );
    app.post(
      '/api/v1/targets/tolerances',
      { schema: { body: toleranceBodySchema, response: { 201: toleranceBodySchema } } },
      async (request, reply) => {
        reply.status(201);
        const r = await ctx.as(viewerOf(request)).setTolerance(request.body);
        return { regionId: r.regionId, kpiId: r.kpiId, tolerancePp: r.tolerancePp, reason: r.reason };
      },
    );
  };
}
