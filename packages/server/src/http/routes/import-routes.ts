import type { Readable } from 'node:stream';
import { importLogEntrySchema, importQuerySchema, importReportSchema, MAX_ERRORS_IN_RESPONSE, pageQuerySchema } from '@cairn/core/contract';
import { ENTITY_NAMES } from '@cairn/core/model';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context';

const UPLOAD_TYPES = ['text/csv', 'application/octet-stream', 'application/x-ndjson', 'application/jsonl', 'text/plain'];

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
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
        const r = await ctx.importUpload({
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
        items: await ctx.listImports(request.query),
      }),
    );
  };
}
