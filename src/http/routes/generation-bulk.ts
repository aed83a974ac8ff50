import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bulkActionSchema, bulkDownloadSchema, bulkResultSchema } from '../../contracts/index.js';
import { type GenerationContext, openBulkDownload, runBulkAction } from '../../generation/index.js';
import { userOf } from '../plugins/access.js';

const user = { access: 'user', cache: 'no-store' } as const;

/** Actions on many of the user's generations at once: all or nothing, at most 500 ids. */
export const generationBulkRoutes =
  (deps: Pick<GenerationContext, 'db' | 'storage' | 'log' | 'clock' | 'settings' | 'modelNames'>): FastifyPluginAsyncZod =>
  async (app) => {
    /** POST /api/generations/bulk – one action (delete, favourite, unfavourite, add-to-album) on 1..500 generations; 404 and nothing done if any is not the user's. */
    app.post(
      '/api/generations/bulk',
      { config: user, schema: { body: bulkActionSchema, response: { 200: bulkResultSchema } } },
      async (req) => runBulkAction(deps, { userId: userOf(req).id, request: req.body, mature: userOf(req).mature }),
    );

    /** POST /api/generations/download – the images of 1..500 generations as one streamed ZIP; 404 before any byte if any is not the user's. */
    app.post('/api/generations/download', { config: user, schema: { body: bulkDownloadSchema } }, async (req, reply) => {
      const u = userOf(req);
      const zip = await openBulkDownload(deps, { userId: u.id, ids: req.body.ids, mature: u.mature, embedSettings: u.embedSettings });
      // A closed connection destroys the stream, which stops reading the open file (lib/zip.ts).
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${zip.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .send(zip.stream);
    });
  };
