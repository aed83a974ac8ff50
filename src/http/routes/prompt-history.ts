import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearHistoryResultSchema, historyQuerySchema, historyResponseSchema } from '../../contracts/prompts.js';
import type { Db } from '../../db/index.js';
import { clearPromptHistory, deletePromptHistoryEntry, listPromptHistory } from '../../prompts/index.js';
import { userOf } from '../plugins/access.js';

const user = { access: 'user', cache: 'no-store' } as const;

export const promptHistoryRoutes =
  (deps: { db: Db }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/prompts/history?q= – the last 200 prompts sent, newest first; `q` keeps those containing it. */
    app.get(
      '/api/prompts/history',
      { config: user, schema: { querystring: historyQuerySchema, response: { 200: historyResponseSchema } } },
      async (req) => ({ items: await listPromptHistory(deps, { userId: userOf(req).id, q: req.query.q }) }),
    );

    /** DELETE /api/prompts/history – forget every prompt in the history. */
    app.delete('/api/prompts/history', { config: user, schema: { response: { 200: clearHistoryResultSchema } } }, async (req) =>
      clearPromptHistory(deps, { userId: userOf(req).id }),
    );

    /** DELETE /api/prompts/history/:id – forget one prompt (204). */
    app.delete('/api/prompts/history/:id', { config: user, schema: { params: z.object({ id: z.uuid() }) } }, async (req, reply) => {
      await deletePromptHistoryEntry(deps, { userId: userOf(req).id, entryId: req.params.id });
      return reply.status(204).send();
    });
  };
