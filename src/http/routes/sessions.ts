import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listSessions, revokeOtherSessions, revokeSession } from '../../accounts/index.js';
import { sessionSchema } from '../../contracts/api.js';
import type { Db } from '../../db/index.js';
import { noStore, type RequireUser } from '../plugins/session.js';

export const sessionRoutes =
  (deps: { db: Db; requireUser: RequireUser }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/me/sessions – where the account is signed in. */
    app.get('/api/me/sessions', { schema: { response: { 200: z.object({ sessions: z.array(sessionSchema) }) } } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      noStore(reply);
      const sessions = await listSessions(deps, { userId: user.id, currentSessionId: user.sessionId });
      return {
        sessions: sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastUsedAt: s.lastUsedAt.toISOString() })),
      };
    });

    /** DELETE /api/me/sessions/:id – sign one session out (204). */
    app.delete('/api/me/sessions/:id', { schema: { params: z.object({ id: z.string().min(1).max(100) }) } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      await revokeSession(deps, { userId: user.id, sessionId: req.params.id });
      return reply.status(204).send();
    });

    /** DELETE /api/me/sessions – sign out everywhere else (the current session stays). */
    app.delete('/api/me/sessions', { schema: { response: { 200: z.object({ revoked: z.number().int() }) } } }, async (req) => {
      const user = await deps.requireUser(req);
      return { revoked: await revokeOtherSessions(deps, { userId: user.id, currentSessionId: user.sessionId }) };
    });
  };
