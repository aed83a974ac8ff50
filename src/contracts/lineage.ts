import { z } from 'zod';
import { generationStatusSchema } from './api.js';
import { generationTools } from './tools.js';

/** How far GET /api/generations/:id/lineage reads: source images up, and versions made from this one down. */
export const LINEAGE_MAX_ANCESTORS = 20;
export const LINEAGE_MAX_DESCENDANTS = 200;
export const LINEAGE_MAX_DEPTH = 10;

/**
 * A generation this one was made from: `imageId` is the image of it the next
 * one worked on. Both image fields are null when the viewer may not see that
 * image (in review, removed, or mature without the opt-in).
 */
export const lineageAncestorSchema = z.object({
  generationId: z.string(),
  imageId: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  tool: z.enum(generationTools),
  status: generationStatusSchema,
});
export type LineageAncestor = z.infer<typeof lineageAncestorSchema>;

export type LineageDescendant = {
  generationId: string;
  tool: (typeof generationTools)[number];
  status: z.infer<typeof generationStatusSchema>;
  /** The image of its parent it was made from; null when the viewer may not see that image. */
  parentImageId: string | null;
  /** Its first image the viewer may see; null while none. */
  thumbnailUrl: string | null;
  children: LineageDescendant[];
};

export const lineageDescendantSchema: z.ZodType<LineageDescendant> = z.lazy(() =>
  z.object({
    generationId: z.string(),
    tool: z.enum(generationTools),
    status: generationStatusSchema,
    parentImageId: z.string().nullable(),
    thumbnailUrl: z.string().nullable(),
    children: z.array(lineageDescendantSchema),
  }),
);

/** GET /api/generations/:id/lineage: the chain of sources (root first) and the tree of versions made from this generation's images. */
export const lineageSchema = z.object({
  ancestors: z.array(lineageAncestorSchema),
  descendants: z.array(lineageDescendantSchema),
});
export type Lineage = z.infer<typeof lineageSchema>;
