import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** Requests at least this slow are shown in the readable console. */
export const SLOW_REQUEST_MS = 1000;

/**
 * Whether the readable console shows a request: a server error always, a
 * slow answer too, but never an event stream (it stays open as long as the
 * page does). Client errors (a guest's 401, a probe's 404) are the client's
 * business and stay out.
 */
export function requestProblem(r: { statusCode: number; ms: number; stream: boolean }): 'failed' | 'slow' | null {
  if (r.statusCode >= 500) return 'failed';
  if (!r.stream && r.ms >= SLOW_REQUEST_MS) return 'slow';
  return null;
}

/**
 * LOG_FORMAT=pretty: one line for a request that failed or was slow, none
 * for the others (JSON logs keep Fastify's two lines per request for operators).
 */
export class ProblemRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const ms = reply.elapsedTime;
    const stream = /text\/event-stream/.test(request.headers.accept ?? '');
    const problem = error ? 'failed' : requestProblem({ statusCode: reply.statusCode, ms, stream });
    if (problem === 'failed') reply.log.error({ req: request, res: reply, err: error ?? undefined, responseTime: ms }, 'request failed');
    if (problem === 'slow') reply.log.warn({ req: request, res: reply, responseTime: ms }, 'slow request');
  }
}

/**
 * Fastify's own logger for the readable console: its info lines (the address
 * the banner already gives, a default 404) are left out at the default level.
 */
export function quietFastifyLogger(log: FastifyBaseLogger): FastifyBaseLogger {
  return log.child({}, { level: log.level === 'info' ? 'warn' : log.level });
}
