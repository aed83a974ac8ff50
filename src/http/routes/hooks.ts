import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptProviderCallback, type GenerationContext } from '../../generation/index.js';

export const hookRoutes =
  (deps: Pick<GenerationContext, 'db' | 'log' | 'clock' | 'settings'>): FastifyPluginAsyncZod =>
  async (app) => {
    /**
     * POST /api/hooks/kie/:id?token= – KIE's completion callback for one
     * generation. Answers fast; the worker re-reads the task from KIE.
     */
    app.post(
      '/api/hooks/kie/:id',
      {
        // The URL's token (and KIE's signature when configured) is checked by the handler.
        config: { access: 'signed', cache: 'none' },
        bodyLimit: 256 * 1024,
        schema: {
          params: z.object({ id: z.uuid() }),
          querystring: z.object({ token: z.string().min(1).max(200) }),
          response: { 200: z.object({ accepted: z.boolean() }) },
        },
      },
      async (req) =>
        acceptProviderCallback(deps, {
          generationId: req.params.id,
          token: req.query.token,
          body: req.body,
          signature: headerOf(req.headers['x-webhook-signature']),
          timestamp: headerOf(req.headers['x-webhook-timestamp']),
        }),
    );
  };

const headerOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
