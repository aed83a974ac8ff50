import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deleteImageResultSchema,
  emptyTrashSchema,
  generationPageSchema,
  generationSchema,
  quoteSchema,
  submitGenerationSchema,
} from '../../contracts/api.js';
import { galleryQuerySchema } from '../../contracts/gallery.js';
import { lineageSchema } from '../../contracts/lineage.js';
import { reportImageSchema } from '../../contracts/moderation.js';
import {
  cancelGeneration,
  deleteForever,
  deleteGeneration,
  deleteImage,
  emptyTrash,
  type GenerationContext,
  getGenerationOrThrow,
  getLineageOrThrow,
  listGenerations,
  listTrash,
  quoteGeneration,
  reportImage,
  restoreGeneration,
  submitGeneration,
} from '../../generation/index.js';
import { AppError } from '../../lib/errors.js';
import { consentedUserOf, userOf, withApiTwin } from '../plugins/access.js';

const idParams = z.object({ id: z.uuid() });
const user = { access: 'user', cache: 'no-store' } as const;

export const generationRoutes =
  (deps: GenerationContext): FastifyPluginAsyncZod =>
  async (app) => {
    /**
     * POST /api/generations (and /api/v1/generations, `generate` scope) – charge and queue a
     * generation (202); an Idempotency-Key makes retries safe; 403 age_confirmation_required before the welcome step.
     */
    for (const { url, config } of withApiTwin('/api/generations', 'generate')) {
      app.post(url, { config, schema: { body: submitGenerationSchema, response: { 202: generationSchema } } }, async (req, reply) => {
        const key = req.headers['idempotency-key'];
        if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.length > 255)) {
          throw new AppError('invalid_input', 'The Idempotency-Key header must be 1 to 255 characters.', { field: 'Idempotency-Key' });
        }
        const { id: userId, mature } = consentedUserOf(req);
        const generation = await submitGeneration(deps, { userId, mature, request: req.body, idempotencyKey: key });
        return reply.status(202).send(generation);
      });
    }

    /** POST /api/quote (and /api/v1/quote, `read` scope) – what POST /api/generations with this body would charge; nothing is charged or recorded. */
    for (const { url, config } of withApiTwin('/api/quote', 'read')) {
      app.post(url, { config, schema: { body: submitGenerationSchema, response: { 200: quoteSchema } } }, async (req) => {
        const { id: userId, mature } = userOf(req);
        return quoteGeneration(deps, { userId, mature, request: req.body });
      });
    }

    /** POST /api/generations/:id/cancel (and /api/v1/…, `generate` scope) – stop a queued one (or a running one where the provider can) with a full refund. */
    for (const { url, config } of withApiTwin('/api/generations/:id/cancel', 'generate')) {
      app.post(url, { config, schema: { params: idParams, response: { 200: generationSchema } } }, async (req) =>
        cancelGeneration(deps, { userId: userOf(req).id, generationId: req.params.id, mature: userOf(req).mature }),
      );
    }

    /** GET /api/generations (and /api/v1/generations, `read` scope) – the gallery, newest first, by cursor; narrowed by search and filters (contracts/gallery.ts). */
    for (const { url, config } of withApiTwin('/api/generations', 'read')) {
      app.get(url, { config, schema: { querystring: galleryQuerySchema, response: { 200: generationPageSchema } } }, async (req) => {
        const { cursor, limit, ...filters } = req.query;
        return listGenerations(deps, { userId: userOf(req).id, cursor, limit, mature: userOf(req).mature, filters });
      });
    }

    /** GET /api/generations/trash – deleted generations that can still be restored. */
    app.get(
      '/api/generations/trash',
      { config: user, schema: { response: { 200: z.object({ items: z.array(generationSchema) }) } } },
      async (req) => ({ items: await listTrash(deps, { userId: userOf(req).id }) }),
    );

    /** DELETE /api/generations/trash – empty the trash for good, files included, at once. */
    app.delete('/api/generations/trash', { config: user, schema: { response: { 200: emptyTrashSchema } } }, async (req) =>
      emptyTrash(deps, { userId: userOf(req).id }),
    );

    /** DELETE /api/generations/trash/:id – delete one trashed generation for good, files included, at once (204). */
    app.delete('/api/generations/trash/:id', { config: user, schema: { params: idParams } }, async (req, reply) => {
      await deleteForever(deps, { userId: userOf(req).id, generationId: req.params.id });
      return reply.status(204).send();
    });

    /** POST /api/generations/:id/restore – back from the trash into the gallery. */
    app.post(
      '/api/generations/:id/restore',
      { config: user, schema: { params: idParams, response: { 200: generationSchema } } },
      async (req) => restoreGeneration(deps, { userId: userOf(req).id, generationId: req.params.id }),
    );

    /** POST /api/images/:id/report – the owner reports one of their images; it joins the moderation queue (204). */
    app.post('/api/images/:id/report', { config: user, schema: { params: idParams, body: reportImageSchema } }, async (req, reply) => {
      const u = userOf(req);
      await reportImage(deps, { userId: u.id, imageId: req.params.id, reason: req.body.reason, mature: u.mature });
      return reply.status(204).send();
    });

    /** GET /api/generations/:id (and /api/v1/…, `read` scope) – one generation (404 for anyone but its owner). */
    for (const { url, config } of withApiTwin('/api/generations/:id', 'read')) {
      app.get(url, { config, schema: { params: idParams, response: { 200: generationSchema } } }, async (req) =>
        getGenerationOrThrow(deps, { userId: userOf(req).id, generationId: req.params.id, mature: userOf(req).mature }),
      );
    }

    /** GET /api/generations/:id/lineage – the sources it was made from and the versions made from it (404 as above). */
    app.get('/api/generations/:id/lineage', { config: user, schema: { params: idParams, response: { 200: lineageSchema } } }, async (req) =>
      getLineageOrThrow(deps, { userId: userOf(req).id, generationId: req.params.id, mature: userOf(req).mature }),
    );

    /** DELETE /api/generations/:id (and /api/v1/…, `generate` scope) – move it to the trash (204). */
    for (const { url, config } of withApiTwin('/api/generations/:id', 'generate')) {
      app.delete(url, { config, schema: { params: idParams } }, async (req, reply) => {
        await deleteGeneration(deps, { userId: userOf(req).id, generationId: req.params.id });
        return reply.status(204).send();
      });
    }

    /** DELETE /api/generations/:id/images/:imageId – delete one image of a batch for good; the last one takes its generation along. */
    app.delete(
      '/api/generations/:id/images/:imageId',
      { config: user, schema: { params: z.object({ id: z.uuid(), imageId: z.uuid() }), response: { 200: deleteImageResultSchema } } },
      async (req) => ({
        generation: await deleteImage(deps, { userId: userOf(req).id, generationId: req.params.id, imageId: req.params.imageId }),
      }),
    );
  };
