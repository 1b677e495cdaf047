import type { Readable } from 'node:stream';
import {
  importLogEntrySchema,
  importQuerySchema,
  importReportSchema,
  MAX_ERRORS_IN_RESPONSE,
  mappingListSchema,
  pageQuerySchema,
  rejectListSchema,
} from '@cairn/core/contract';
import { ENTITY_NAMES } from '@cairn/core/model';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requireViewer, viewerOf } from '../auth-plugin';

const importIdParam = z.object({ id: z.string().uuid() });

const UPLOAD_TYPES = ['text/csv', 'application/octet-stream', 'application/x-ndjson', 'application/jsonl', 'text/plain'];

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireViewer);
    app.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
    app.post(
      '/api/v1/imports/:entity',
      {
        bodyLimit: ctx.uploadMaxBytes,
        schema: {
          params: z.object({ entity: z.enum(ENTITY_NAMES) }),
          querystring: importQuerySchema,
          response: { 200: importReportSchema, 422: importReportSchema },
        },
      },
      async (request, reply) => {
        const r = await ctx.as(viewerOf(request)).importUpload({
          entity: request.params.entity,
          body: request.body as Readable,
          fileName: request.query.file_name,
          ...(request.query.mapping ? { mapping: request.query.mapping } : {}),
          mode: request.query.mode,
          ...(request.query.resolves ? { resolves: request.query.resolves } : {}),
        });
        reply.status(r.status === 'rejected' ? 422 : 200);
        return { ...r, errorCount: r.errors.length, errors: r.errors.slice(0, MAX_ERRORS_IN_RESPONSE) };
      },
    );
    app.get(
      '/api/v1/imports',
      { schema: { querystring: pageQuerySchema, response: { 200: z.object({ items: z.array(importLogEntrySchema) }) } } },
      async (request) => ({
        items: await ctx.as(viewerOf(request)).listImports(request.query),
      }),
    );
    app.get('/api/v1/mappings', { schema: { response: { 200: mappingListSchema } } }, async (request) => ({
      items: ctx.as(viewerOf(request)).mappings(),
    }));
    app.get(
      '/api/v1/imports/:id/rejects',
      { schema: { params: importIdParam, querystring: pageQuerySchema, response: { 200: rejectListSchema } } },
      async (request) => {
        const r = await ctx.as(viewerOf(request)).listRejects({ importId: request.params.id, ...request.query });
        return {
          total: r.total,
          items: r.rows.map((x) => ({ line: Number(x.line), column: x.column_name, value: x.value, reason: x.reason, raw: x.raw_record })),
        };
      },
    );
    app.get('/api/v1/imports/:id/rejects.csv', { schema: { params: importIdParam } }, async (request, reply) => {
      const r = await ctx.as(viewerOf(request)).exportRejects(request.params.id);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="rejects-${request.params.id}.csv"`);
      return r.csv;
    });
  };
}
