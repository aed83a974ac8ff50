import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  downloadFileName,
  findOwnedImage,
  findOwnedImageWithGeneration,
  findOwnedUploads,
  type GenerationContext,
  imageVisible,
  openDownload,
  openPreview,
  unsafeFindUpload,
  verifyReferenceLink,
} from '../../generation/index.js';
import { notFound } from '../../lib/errors.js';
import type { StoredFile } from '../../storage/index.js';
import { userOf } from '../plugins/access.js';

export const fileRoutes =
  (
    deps: Pick<GenerationContext, 'db' | 'storage' | 'images' | 'ingestion' | 'clock' | 'modelNames'> & { linkSecret: string },
  ): FastifyPluginAsyncZod =>
  async (app) => {
    /**
     * Files are served only to their owner (by session, or by an API key with
     * the `read` scope: the versioned API links these). They never change under an id, so
     * browsers may keep them (privately) for a year (`private-immutable`); ETag is the id.
     */
    async function send(reply: FastifyReply, key: string | StoredFile | null, contentType: string, etag: string, attachment?: string) {
      const file = typeof key === 'string' ? await deps.storage.get(key) : key;
      if (!file) throw notFound('That image');
      reply
        .header('content-type', contentType)
        .header('content-length', file.size)
        .header('etag', `"${etag}"`)
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('x-content-type-options', 'nosniff');
      if (attachment) reply.header('content-disposition', `attachment; filename="${attachment}"`);
      return reply.send(file.stream);
    }

    /**
     * GET /api/files/images/:id/:variant – an original, its WebP preview or
     * thumbnail. `?download=1` sends the original as a file, with its settings
     * inside (generation/open-download.ts).
     */
    app.get(
      '/api/files/images/:id/:variant',
      {
        config: { access: 'user', cache: 'private-immutable', apiKey: 'read' },
        schema: {
          params: z.object({ id: z.uuid(), variant: z.enum(['original', 'preview', 'thumbnail']) }),
          querystring: z.object({ download: z.enum(['1', 'true']).optional() }),
        },
      },
      async (req, reply) => {
        // A download differs from the original shown in the page (its settings are inside): its own tag.
        const download = Boolean(req.query.download) && req.params.variant === 'original';
        const embed = download && userOf(req).embedSettings;
        // The settings come from the generation, read with the image in one query.
        const found = embed
          ? await findOwnedImageWithGeneration(deps.db, userOf(req).id, req.params.id)
          : { image: await findOwnedImage(deps.db, userOf(req).id, req.params.id), generation: null };
        const image = found?.image;
        // Held (in review) and removed images are not there for anyone; mature ones only while the owner is opted in.
        if (!image || !imageVisible(image.moderation, userOf(req).mature)) throw notFound('That image');
        // The version changes with what a download carries (v2: EXIF in JPEG and WebP; v3: seed and sampling settings).
        const etag = `${image.id}-${embed ? 'download-v3' : req.params.variant}`;
        // Whether a download has the settings inside follows a choice that can change: asked again each time (304 while the same).
        if (download) reply.header('cache-control', 'private, no-cache');
        if (req.headers['if-none-match'] === `"${etag}"`) return reply.status(304).send();
        if (req.params.variant === 'thumbnail') return send(reply, image.thumbnailKey, 'image/webp', etag);
        if (req.params.variant === 'preview') {
          return send(reply, await openPreview(deps, image), image.previewKey ? 'image/webp' : image.contentType, etag);
        }
        if (!download) return send(reply, image.originalKey, image.contentType, etag);
        return send(reply, await openDownload(deps, image, found.generation), image.contentType, etag, downloadFileName(image));
      },
    );

    /** GET /api/files/uploads/:id – one of the user's reference uploads. */
    app.get(
      '/api/files/uploads/:id',
      { config: { access: 'user', cache: 'private-immutable', apiKey: 'read' }, schema: { params: z.object({ id: z.uuid() }) } },
      async (req, reply) => {
        const [upload] = await findOwnedUploads(deps.db, userOf(req).id, [req.params.id]);
        if (!upload) throw notFound('That image');
        if (req.headers['if-none-match'] === `"${upload.id}"`) return reply.status(304).send();
        return send(reply, upload.storageKey, upload.contentType, upload.id);
      },
    );

    /**
     * GET /api/files/references/:id?expires=&signature= – a reference image for
     * the provider to fetch: no session, an expiring signature for exactly this upload.
     */
    app.get(
      '/api/files/references/:id',
      {
        config: { access: 'signed', cache: 'private-immutable' },
        schema: {
          params: z.object({ id: z.uuid() }),
          querystring: z.object({ expires: z.coerce.number().int(), signature: z.string().max(100) }),
        },
      },
      async (req, reply) => {
        const { expires, signature } = req.query;
        if (!verifyReferenceLink(deps.linkSecret, req.params.id, expires, signature, deps.clock.now())) throw notFound('That image');
        const upload = await unsafeFindUpload(deps.db, req.params.id);
        if (!upload) throw notFound('That image');
        return send(reply, upload.storageKey, upload.contentType, upload.id);
      },
    );
  };
