import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../accounts/index.js';
import { apiKeyListSchema, createApiKeySchema, createdApiKeySchema } from '../../contracts/api-keys.js';
import type { Db } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { userOf } from '../plugins/access.js';

// A session only: a key can neither make nor see keys.
const user = { access: 'user', cache: 'no-store' } as const;

export const apiKeyRoutes =
  (deps: { db: Db; clock: Clock }): FastifyPluginAsyncZod =>
  async (app) => {
    /** POST /api/me/api-keys – a new key (201); the answer is the only time `key` is shown. */
    app.post(
      '/api/me/api-keys',
      { config: user, schema: { body: createApiKeySchema, response: { 201: createdApiKeySchema } } },
      async (req, reply) => reply.status(201).send(await createApiKey(deps, { userId: userOf(req).id, key: req.body })),
    );

    /** GET /api/me/api-keys – the user's keys (never the keys themselves). */
    app.get('/api/me/api-keys', { config: user, schema: { response: { 200: apiKeyListSchema } } }, async (req) => ({
      items: await listApiKeys(deps, { userId: userOf(req).id }),
    }));

    /** DELETE /api/me/api-keys/:id – revoke a key at once (204). */
    app.delete('/api/me/api-keys/:id', { config: user, schema: { params: z.object({ id: z.uuid() }) } }, async (req, reply) => {
      await revokeApiKey(deps, { userId: userOf(req).id, keyId: req.params.id });
      return reply.status(204).send();
    });
  };
