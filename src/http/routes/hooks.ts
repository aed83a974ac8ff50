import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptProviderCallback, type GenerationContext } from '../../generation/index.js';

export const hookRoutes =
  (deps: Pick<GenerationContext, 'db' | 'log' | 'clock' | 'settings' | 'provider'>): FastifyPluginAsyncZod =>
  async (app) => {
    const route = deps.provider.callbacks?.route;
    if (!route) return; // this provider never calls back
    /**
     * POST /api/hooks/<provider>/:id?token= – the provider's completion
     * callback for one generation (KIE: /api/hooks/kie/…). Answers fast; the
     * worker re-reads the task from the provider.
     */
    app.post(
      `/api/hooks/${route}/:id`,
      {
        // The URL's token, and the provider's signature where it signs, are checked by the handler.
        config: { access: 'signed', cache: 'none' },
        bodyLimit: 256 * 1024,
        schema: {
          params: z.object({ id: z.uuid() }),
          querystring: z.object({ token: z.string().min(1).max(200) }),
          response: { 200: z.object({ accepted: z.boolean() }) },
        },
      },
      async (req) =>
        acceptProviderCallback(deps, { generationId: req.params.id, token: req.query.token, body: req.body, headers: req.headers }),
    );
  };
