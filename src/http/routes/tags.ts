import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tagCheckResponseSchema, tagCheckSchema, tagSuggestQuerySchema, tagSuggestResponseSchema } from '../../contracts/tags.js';
import type { TagSuggester } from '../../tags/index.js';
import { userOf } from '../plugins/access.js';

export const tagRoutes =
  (deps: { tags: TagSuggester }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/tags/suggest – tags for what the user is typing in the prompt box, ranked with their own recent use. */
    app.get(
      '/api/tags/suggest',
      {
        // Personal ranking: private, and never stored by a cache. Called on every keystroke, and it
        // shows only the public list ranked by the user's own recent tags: a session read may serve 2 s.
        config: { access: 'user', cache: 'no-store', sessionReuseMs: 2_000 },
        schema: { querystring: tagSuggestQuerySchema, response: { 200: tagSuggestResponseSchema } },
      },
      async (req) => {
        const { id: userId, mature } = userOf(req);
        return { tags: await deps.tags.suggest({ query: req.query.q, limit: req.query.limit, userId, allowExplicit: mature }) };
      },
    );

    /** POST /api/tags/check – which of a prompt's tags the list does not know (the prompt box marks them). */
    app.post(
      '/api/tags/check',
      { config: { access: 'user', cache: 'no-store' }, schema: { body: tagCheckSchema, response: { 200: tagCheckResponseSchema } } },
      async (req) => ({ unknown: deps.tags.unknown(req.body.names) }),
    );
  };
