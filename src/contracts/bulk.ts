import { z } from 'zod';

/** How many generations one bulk request may name. */
export const MAX_BULK_IDS = 500;

/** 1..500 distinct generation ids. A repeated id is refused (422), never counted twice. */
export const bulkIdsSchema = z
  .array(z.uuid())
  .min(1)
  .max(MAX_BULK_IDS)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'Each id may appear only once.' });

/**
 * POST /api/generations/bulk – one action on many of the user's generations.
 * A closed list: each action is one member of this union, so a new one is a
 * new member here and a new case in generation/run-bulk-action.ts, whose
 * switch stops compiling until it handles it. Every action is all or nothing.
 */
export const bulkActionSchema = z.discriminatedUnion('action', [
  /** Into the trash, exactly as a single delete (or gone when the trash is off); nothing is refunded. */
  z.object({ action: z.literal('delete'), ids: bulkIdsSchema }).strict(),
  /** Every image of these generations the user may see becomes a favourite (one already a favourite keeps its time). */
  z.object({ action: z.literal('favourite'), ids: bulkIdsSchema }).strict(),
  /** Every image of these generations stops being a favourite. */
  z.object({ action: z.literal('unfavourite'), ids: bulkIdsSchema }).strict(),
  /** Every image of these generations the user may see goes into one of their albums (it stays in any others). */
  z.object({ action: z.literal('add-to-album'), ids: bulkIdsSchema, albumId: z.uuid() }).strict(),
]);

/** How many generations the action changed (all that were named). */
export const bulkResultSchema = z.object({ affected: z.number().int() });

/** POST /api/generations/download – the images of these generations as one ZIP. */
export const bulkDownloadSchema = z.object({ ids: bulkIdsSchema }).strict();

export type BulkActionInput = z.infer<typeof bulkActionSchema>;
export type BulkAction = BulkActionInput['action'];
export type BulkResult = z.infer<typeof bulkResultSchema>;
export type BulkDownloadInput = z.infer<typeof bulkDownloadSchema>;
