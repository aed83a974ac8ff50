import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Auth, CLIENT_IP_HEADER } from '../../accounts/index.js';

/**
 * ALL /api/auth/* – Better Auth's own endpoints (sign-up, sign-in, sign-out,
 * verification, password reset, session), passed through as Fetch requests.
 */
export async function authRoutes(app: FastifyInstance, opts: { auth: Auth; publicUrl: string }): Promise<void> {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    // Better Auth checks sessions, origins and rate limits itself, and sets its own headers.
    config: { access: 'public', cache: 'none' },
    handler: async (req, reply) => {
      const url = new URL(req.url, opts.publicUrl);
      const body = req.method === 'POST' && req.body !== undefined ? JSON.stringify(req.body) : undefined;
      const headers = toHeaders(req);
      // The client address for Better Auth's rate limits: ours, never a client-sent header.
      headers.set(CLIENT_IP_HEADER, req.ip);
      if (body !== undefined) headers.set('content-type', 'application/json');
      const response = await opts.auth.handler(new Request(url, { method: req.method, headers, body }));
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value);
      });
      // Each cookie must stay its own header.
      const cookies = response.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : null);
    },
  });
}

/** Request headers as a Fetch Headers object (what Better Auth reads). */
function toHeaders(req: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, String(v));
  }
  return headers;
}
