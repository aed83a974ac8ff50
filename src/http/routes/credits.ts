import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { balanceSchema, creditsResponseSchema } from '../../contracts/api.js';
import { getBalance, listEntries } from '../../credits/index.js';
import type { Db } from '../../db/index.js';
import { openGenerationIds } from '../../generation/index.js';
import { userOf } from '../plugins/access.js';

export const creditRoutes =
  (deps: { db: Db }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/credits – balance and ledger entries, newest first; each names its generation while that can be opened. */
    app.get(
      '/api/credits',
      {
        config: { access: 'user', cache: 'no-store' },
        schema: {
          querystring: z.object({
            cursor: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(100).default(50),
          }),
          response: { 200: creditsResponseSchema },
        },
      },
      async (req) => {
        const user = userOf(req);
        const [balance, rows] = await Promise.all([
          getBalance(deps.db, user.id),
          listEntries(deps.db, user.id, { beforeId: req.query.cursor, limit: req.query.limit + 1 }),
        ]);
        const page = rows.slice(0, req.query.limit);
        const aboutGeneration = (kind: string) => kind === 'generation_debit' || kind === 'generation_refund';
        const open = await openGenerationIds(deps.db, {
          userId: user.id,
          ids: page.filter((e) => aboutGeneration(e.kind)).map((e) => e.reference),
        });
        return {
          balance,
          entries: page.map((e) => ({
            id: e.id,
            delta: e.delta,
            kind: e.kind,
            reference: e.reference,
            generationId: aboutGeneration(e.kind) && open.has(e.reference) ? e.reference : null,
            balanceAfter: e.balanceAfter,
            createdAt: e.createdAt.toISOString(),
          })),
          nextCursor: rows.length > req.query.limit ? String(page.at(-1)?.id) : null,
        };
      },
    );

    /** GET /api/v1/credits – the balance alone, for an API key with the `read` scope (the ledger stays in the app). */
    app.get(
      '/api/v1/credits',
      { config: { access: 'user', cache: 'no-store', apiKey: 'read' }, schema: { response: { 200: balanceSchema } } },
      async (req) => ({ balance: await getBalance(deps.db, userOf(req).id) }),
    );
  };
