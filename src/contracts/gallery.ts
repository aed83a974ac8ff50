import { z } from 'zod';
import { generationStatusSchema } from './api.js';
import { text } from './text.js';

/** How many albums one account may keep. */
export const MAX_ALBUMS = 200;
/** The longest album name, in characters. */
export const MAX_ALBUM_NAME = 80;
/** The longest search text, in characters. */
export const MAX_SEARCH = 200;

import { generationTools } from './tools.js';

export { type GenerationTool, generationTools } from './tools.js';

const day = () => z.iso.date('Use a date like 2026-01-31');

/**
 * GET /api/generations: the gallery by cursor, narrowed by any of these
 * (all together). `q` searches the prompt's words; `from`/`to` are whole UTC
 * days, both inclusive; `favourite=1` keeps generations with a favourite
 * image; `album` those with an image in that album of the user's (another
 * user's album: 404).
 */
export const galleryQuerySchema = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(24),
    q: text().trim().max(MAX_SEARCH).optional(),
    model: text().trim().min(1).max(200).optional(),
    tool: z.enum(generationTools).optional(),
    status: generationStatusSchema.optional(),
    from: day().optional(),
    to: day().optional(),
    favourite: z.enum(['1', '0']).optional(),
    album: z.uuid().optional(),
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), { message: 'The start date must not be after the end date', path: ['from'] });
export type GalleryQuery = z.infer<typeof galleryQuerySchema>;

const albumName = () => text().trim().min(1, 'Give the album a name').max(MAX_ALBUM_NAME);

export const createAlbumSchema = z.object({ name: albumName() }).strict();
export type CreateAlbumInput = z.infer<typeof createAlbumSchema>;

/** PATCH /api/albums/:id: a new name and/or a cover (one of the album's images; null clears it). */
export const updateAlbumSchema = z
  .object({ name: albumName().optional(), coverImageId: z.uuid().nullable().optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.coverImageId !== undefined, 'Send a name or a cover');
export type UpdateAlbumInput = z.infer<typeof updateAlbumSchema>;

export const albumSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Images in it the owner may see now (not in the trash, not in review). */
  imageCount: z.number().int(),
  coverImageId: z.string().nullable(),
  /** The cover's thumbnail, or the newest image's when no cover is set; null for an empty album. */
  coverThumbnailUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Album = z.infer<typeof albumSchema>;

export const albumListSchema = z.object({ items: z.array(albumSchema) });
export type AlbumList = z.infer<typeof albumListSchema>;

/** PUT/DELETE /api/images/:id/favourite: the image's state afterwards. */
export const favouriteSchema = z.object({ imageId: z.string(), favourite: z.boolean() });
export type FavouriteState = z.infer<typeof favouriteSchema>;

/** PUT/DELETE /api/albums/:id/images/:imageId: the album afterwards. */
export const albumImageResultSchema = z.object({ album: albumSchema });
