import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  albumImageResultSchema,
  albumListSchema,
  albumSchema,
  createAlbumSchema,
  favouriteSchema,
  updateAlbumSchema,
} from '../../contracts/gallery.js';
import {
  addAlbumImage,
  createAlbum,
  deleteAlbum,
  type GenerationContext,
  listAlbums,
  removeAlbumImage,
  setFavourite,
  updateAlbum,
} from '../../generation/index.js';
import { userOf } from '../plugins/access.js';

const idParams = z.object({ id: z.uuid() });
const albumImageParams = z.object({ id: z.uuid(), imageId: z.uuid() });
const user = { access: 'user', cache: 'no-store' } as const;

/** The gallery as a workspace: favourites and albums of the user's own images. */
export const galleryRoutes =
  (deps: GenerationContext): FastifyPluginAsyncZod =>
  async (app) => {
    /** PUT /api/images/:id/favourite – mark one of the user's images a favourite (idempotent). */
    app.put(
      '/api/images/:id/favourite',
      { config: user, schema: { params: idParams, response: { 200: favouriteSchema } } },
      async (req) => {
        const u = userOf(req);
        return setFavourite(deps, { userId: u.id, imageId: req.params.id, favourite: true, mature: u.mature });
      },
    );

    /** DELETE /api/images/:id/favourite – no longer a favourite (idempotent). */
    app.delete(
      '/api/images/:id/favourite',
      { config: user, schema: { params: idParams, response: { 200: favouriteSchema } } },
      async (req) => {
        const u = userOf(req);
        return setFavourite(deps, { userId: u.id, imageId: req.params.id, favourite: false, mature: u.mature });
      },
    );

    /** GET /api/albums – the user's albums, newest first, with image counts and covers. */
    app.get('/api/albums', { config: user, schema: { response: { 200: albumListSchema } } }, async (req) => {
      const u = userOf(req);
      return { items: await listAlbums(deps, { userId: u.id, mature: u.mature }) };
    });

    /** POST /api/albums – a new empty album (201); the name is unique per user. */
    app.post('/api/albums', { config: user, schema: { body: createAlbumSchema, response: { 201: albumSchema } } }, async (req, reply) => {
      const album = await createAlbum(deps, { userId: userOf(req).id, album: req.body });
      return reply.status(201).send(album);
    });

    /** PATCH /api/albums/:id – rename it and/or set its cover (one of its images; null clears it). */
    app.patch(
      '/api/albums/:id',
      { config: user, schema: { params: idParams, body: updateAlbumSchema, response: { 200: albumSchema } } },
      async (req) => {
        const u = userOf(req);
        return updateAlbum(deps, { userId: u.id, albumId: req.params.id, patch: req.body, mature: u.mature });
      },
    );

    /** DELETE /api/albums/:id – delete the album; its images stay (204). */
    app.delete('/api/albums/:id', { config: user, schema: { params: idParams } }, async (req, reply) => {
      await deleteAlbum(deps, { userId: userOf(req).id, albumId: req.params.id });
      return reply.status(204).send();
    });

    /** PUT /api/albums/:id/images/:imageId – put an image of the user's into the album (idempotent). */
    app.put(
      '/api/albums/:id/images/:imageId',
      { config: user, schema: { params: albumImageParams, response: { 200: albumImageResultSchema } } },
      async (req) => {
        const u = userOf(req);
        return {
          album: await addAlbumImage(deps, { userId: u.id, albumId: req.params.id, imageId: req.params.imageId, mature: u.mature }),
        };
      },
    );

    /** DELETE /api/albums/:id/images/:imageId – take the image out of the album; the image stays (idempotent). */
    app.delete(
      '/api/albums/:id/images/:imageId',
      { config: user, schema: { params: albumImageParams, response: { 200: albumImageResultSchema } } },
      async (req) => {
        const u = userOf(req);
        return {
          album: await removeAlbumImage(deps, { userId: u.id, albumId: req.params.id, imageId: req.params.imageId, mature: u.mature }),
        };
      },
    );
  };
