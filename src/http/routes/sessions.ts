import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listSessions, revokeOtherSessions, revokeSession } from '../../accounts/index.js';
import { sessionSchema } from '../../contracts/api.js';
import { text } from '../../contracts/text.js';
import type { Db } from '../../db/index.js';
import { sessionOf, userOf } from '../plugins/access.js';

const user = { access: 'user', cache: 'no-store' } as const;

export const sessionRoutes =
  (deps: { db: Db }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/me/sessions – where the account is signed in. */
    app.get(
      '/api/me/sessions',
      { config: user, schema: { response: { 200: z.object({ sessions: z.array(sessionSchema) }) } } },
      async (req) => {
        const { id } = userOf(req);
        const sessionId = sessionOf(req);
        const sessions = await listSessions(deps, { userId: id, currentSessionId: sessionId });
        return {
          sessions: sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastUsedAt: s.lastUsedAt.toISOString() })),
        };
      },
    );

    /** DELETE /api/me/sessions/:id – sign one session out (204). */
    app.delete(
      '/api/me/sessions/:id',
      { config: user, schema: { params: z.object({ id: text().min(1).max(100) }) } },
      async (req, reply) => {
        await revokeSession(deps, { userId: userOf(req).id, sessionId: req.params.id });
        return reply.status(204).send();
      },
    );

    /** DELETE /api/me/sessions – sign out everywhere else (the current session stays). */
    app.delete(
      '/api/me/sessions',
      { config: user, schema: { response: { 200: z.object({ revoked: z.number().int() }) } } },
      async (req) => {
        const { id } = userOf(req);
        const sessionId = sessionOf(req);
        return { revoked: await revokeOtherSessions(deps, { userId: id, currentSessionId: sessionId }) };
      },
    );
  };
