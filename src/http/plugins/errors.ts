import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody } from '../../contracts/errors.js';
import { AppError, errorStatus } from '../../lib/errors.js';

/**
 * Turns every thrown error into `{ error: { code, message } }`. AppErrors keep
 * their code; validation errors become 422 with the field; anything else is a
 * generic 500 that carries only the request id.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const send = (status: number, body: ErrorBody) => reply.status(status).send(body);
    if (err instanceof AppError) {
      const { field, category } = err.options;
      if (err.status >= 500) req.log.error({ err }, 'app error');
      return send(err.status, {
        error: { code: err.code, message: err.message, ...(field ? { field } : {}), ...(category ? { category } : {}) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issue = err.validation[0];
      const path = issue?.instancePath?.replace(/^\//, '').replaceAll('/', '.') || issue?.params?.issue?.path?.join('.') || '';
      const message = issue?.message ?? 'Invalid input';
      return send(errorStatus.invalid_input, {
        error: { code: 'invalid_input', message: path ? `${path}: ${message}` : message, ...(path ? { field: path } : {}) },
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(500, { error: { code: 'internal', message: 'Something went wrong on our side.', requestId: req.id } });
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return send(413, { error: { code: 'payload_too_large', message: 'The request is too large.' } });
    }
    if (err.statusCode === 429) {
      return send(429, { error: { code: 'rate_limited', message: 'Too many requests. Please wait a moment and try again.' } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors (bad JSON, wrong content type, ...).
      return send(err.statusCode === 415 ? 415 : 400, {
        error: { code: 'invalid_input', message: err.message || 'The request could not be read.' },
      });
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, { error: { code: 'internal', message: 'Something went wrong on our side.', requestId: req.id } });
  });
}

/**
 * Unknown paths: API paths answer a JSON 404; with the web app built, any
 * other GET gets index.html so client-side routes survive a reload.
 */
export function registerNotFound(app: FastifyInstance, opts: { spa: boolean; hidden?: string[] }): void {
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // Missing files (an old tab asking for a replaced asset) must 404, not get the page.
    const isFile = path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
    const hidden = opts.hidden?.some((h) => path === h || path.startsWith(`${h}/`));
    if (opts.spa && req.method === 'GET' && !isFile && !hidden && !path.startsWith('/api/') && path !== '/healthz') {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const body: ErrorBody = { error: { code: 'not_found', message: `No route for ${req.method} ${path}` } };
    return reply.status(404).send(body);
  });
}
