import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Auth, CLIENT_IP_HEADER, type SignupChallenges } from '../../accounts/index.js';

const challengeAnswer = z.object({
  enabled: z.boolean(),
  challenge: z
    .object({
      algorithm: z.string(),
      challenge: z.string(),
      maxnumber: z.number().int().optional(),
      salt: z.string(),
      signature: z.string(),
    })
    .optional(),
});

/**
 * ALL /api/auth/* – Better Auth's own endpoints (sign-up, sign-in, sign-out,
 * verification, password reset, session), passed through as Fetch requests.
 */
export async function authRoutes(
  app: FastifyInstance,
  opts: { auth: Auth; publicUrl: string; signupChallenges: SignupChallenges | null },
): Promise<void> {
  /** GET /api/signup-challenge – the proof-of-work the sign-up form solves before it sends (when the operator turned it on). */
  app.get(
    '/api/signup-challenge',
    { config: { access: 'public', cache: 'no-store' }, schema: { response: { 200: challengeAnswer } } },
    async () => (opts.signupChallenges ? { enabled: true, challenge: await opts.signupChallenges.issue() } : { enabled: false }),
  );

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
