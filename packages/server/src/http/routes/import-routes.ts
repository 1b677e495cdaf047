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
import fastifyMultipart from '@fastify/multipart';
import { DomainError } from '@cairn/core/domain';
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
    // multipart/form-data with the file in one part, streamed like a raw body. The size cap here only
    // stops the parser just past the limit; importUpload counts bytes and rows and refuses with the reason.
    await app.register(fastifyMultipart, {
      limits: { files: 1, fields: 10, fieldSize: 1024, fileSize: ctx.uploadMaxBytes + 1 },
      throwFileSizeLimit: false,
    });
    app.post(
      '/api/v1/imports/:entity',
      {
        // A multipart body carries a little more than the file: its boundaries and part headers.
        bodyLimit: ctx.uploadMaxBytes + 64 * 1024,
        schema: {
          params: z.object({ entity: z.enum(ENTITY_NAMES) }),
          querystring: importQuerySchema,
          response: { 200: importReportSchema, 422: importReportSchema },
        },
      },
      async (request, reply) => {
        let body = request.body as Readable;
        let fileName = request.query.file_name;
        if (request.isMultipart()) {
          const part = await request.file();
          if (!part) throw new DomainError('invalid_input', 'the multipart upload has no file part; send the file in a field named `file`');
          body = part.file;
          fileName ??= part.filename || undefined;
        }
        const r = await ctx.as(viewerOf(request)).importUpload({
          entity: request.params.entity,
          body,
          fileName: fileName ?? 'upload.csv',
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
