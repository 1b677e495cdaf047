/**
 * Errors are answered as application/problem+json (RFC 9457): what was wrong
 * and what to do about it. Unexpected errors say only that, with the request
 * id to quote; their details go to the log.
 */
import { DomainError } from '@cairn/core/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DOMAIN_ERROR_STATUS } from './domain-error-status';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: unknown;
}

export function installProblemHandler(app: FastifyInstance, opts: { spaFallback?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem: Problem;
    if (error instanceof DomainError) {
      problem = {
        type: `urn:cairn:error:${error.code}`,
        title: error.code.replace(/_/g, ' '),
        status: DOMAIN_ERROR_STATUS[error.code],
        detail: error.message,
      };
      if (error.details !== undefined) problem.errors = error.details;
      const retry = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (error.code === 'rate_limited' && typeof retry === 'number') reply.header('retry-after', String(retry));
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      problem = {
        type: 'urn:cairn:error:invalid_input',
        title: 'invalid request',
        status: 400,
        detail: `fix the request and send it again: ${error.validation.map((v) => `${error.validationContext ?? ''}${v.instancePath} ${v.message}`).join('; ')}`,
      };
    } else if (error.statusCode && error.statusCode < 500) {
      problem = { type: 'urn:cairn:error:http', title: error.code ?? 'bad request', status: error.statusCode, detail: error.message };
    } else {
      request.log.error({ err: error }, 'unexpected error');
      problem = {
        type: 'urn:cairn:error:internal',
        title: 'internal error',
        status: 500,
        detail: `something went wrong on the server; try again, and if it persists report request ${request.id}`,
      };
    }
    problem.instance = request.url.split('?')[0] ?? request.url;
    reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    // With the web app served, any other GET outside /api is one of its pages: answer with index.html.
    if (opts.spaFallback && request.method === 'GET' && !request.url.startsWith('/api')) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .type('application/problem+json')
      .send({
        type: 'urn:cairn:error:not_found',
        title: 'not found',
        status: 404,
        detail: `no route ${request.method} ${request.url.split('?')[0]}; see /api/docs for the API`,
        instance: request.url.split('?')[0],
      });
  });
}
