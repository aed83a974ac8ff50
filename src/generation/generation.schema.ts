import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { GenerationTool } from '../contracts/tools.js';

export type ReferenceRole = 'reference' | 'source' | 'mask';

/** PostgreSQL's tsvector, read as its text form (nothing reads it but the search's own SQL). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/*
 * Every user_id here references "user"(id) in the database (see the migrations;
 * db/foreign-keys.db.test.ts lists each with its ON DELETE rule). The schema
 * does not say so, because that would import the accounts module's tables.
 */

/** Reference images a user uploaded; validated and re-encoded before they are stored. */
export const uploads = pgTable(
  'uploads',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    /** The image check's reading at upload: a photograph (not a drawing) may not steer a sexual prompt. */
    photographic: boolean('photographic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('uploads_user_idx').on(t.userId)],
);

export const generations = pgTable(
  'generations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    /** queued | running | succeeded | failed | canceled (see src/generation/state.ts) */
    status: text('status').notNull(),
    /** What made it (contracts/tools.ts): `text`, or an image tool on a source image. */
    tool: text('tool').$type<GenerationTool>().notNull().default('text'),
    /**
     * The gallery image a tool worked on (its lineage parent). References
     * generation_images(id) ON DELETE SET NULL in the migrations (the two tables
     * reference each other, which drizzle's schema cannot state here).
     */
    parentImageId: text('parent_image_id'),
    /** Upscale: how many times larger. */
    factor: integer('factor'),
    prompt: text('prompt').notNull(),
    /**
     * The prompt's words for gallery search ('simple' configuration: no stemming,
     * any language split on spaces), kept by PostgreSQL. Stored rather than an
     * expression index so a search checks each candidate without re-parsing its
     * prompt (a phrase search must recheck every GIN hit).
     */
    promptSearch: tsvector('prompt_search').generatedAlwaysAs(sql`to_tsvector('simple', prompt)`),
    negativePrompt: text('negative_prompt'),
    /** The prompt as the model received it (weights written for its family; see contracts/prompt-syntax.ts). Null before 0016. */
    sentPrompt: text('sent_prompt'),
    sentNegativePrompt: text('sent_negative_prompt'),
    modelId: text('model_id').notNull(),
    provider: text('provider').notNull(),
    providerModel: text('provider_model').notNull(),
    aspectRatio: text('aspect_ratio').notNull(),
    count: integer('count').notNull(),
    /** Null when the model takes no seed (nothing was sent, so nothing can be repeated). */
    seed: integer('seed'),
    /** The sampling settings sent, for models that take them (null otherwise). */
    steps: integer('steps'),
    guidance: real('guidance'),
    strength: real('strength'),
    sampler: text('sampler'),
    cost: integer('cost').notNull(),
    /** Provider task ids, one per run (`count`; a run gives one image or the model's imagesPerTask), stored before anything waits on them so a retry never creates a second task. */
    providerTaskIds: jsonb('provider_task_ids').$type<string[]>().notNull().default([]),
    attempts: integer('attempts').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    refunded: integer('refunded').notNull().default(0),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    /** Milliseconds, as the gallery cursor carries them (a microsecond part would make the cursor skip rows). */
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** In the trash since then: hidden, restorable until purged with its files. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('generations_user_created_idx').on(t.userId, t.createdAt, t.id),
    // Gallery search (gallery.queries.ts).
    index('generations_prompt_search_idx').using('gin', t.promptSearch),
    index('generations_status_idx').on(t.status, t.deadlineAt),
    index('generations_parent_image_idx').on(t.parentImageId),
  ],
);

export const generationReferences = pgTable(
  'generation_references',
  {
    generationId: text('generation_id')
      .notNull()
      .references(() => generations.id, { onDelete: 'cascade' }),
    uploadId: text('upload_id')
      .notNull()
      .references(() => uploads.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** `reference` (steers a text generation), `source` (the upload a tool works on) or `mask` (inpaint's). */
    role: text('role').$type<ReferenceRole>().notNull().default('reference'),
  },
  (t) => [primaryKey({ columns: [t.generationId, t.uploadId] }), index('generation_references_upload_idx').on(t.uploadId)],
);

/**
 * What the image check made of a result: clear (shown), mature (explicit, its
 * owner opted in: shown to them only while opted in, blurred until clicked),
 * held (in review: explicit for an account without the opt-in, or the check
 * failed; never shown), removed (an operator removed it: files deleted, the
 * row keeps the evidence hash).
 */
export type ImageModeration = 'clear' | 'mature' | 'held' | 'removed';

/** Result images, copied into our storage: originals and WebP thumbnails. */
export const generationImages = pgTable(
  'generation_images',
  {
    id: text('id').primaryKey(),
    generationId: text('generation_id')
      .notNull()
      .references(() => generations.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    position: integer('position').notNull(),
    originalKey: text('original_key').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    /** A WebP of at most 1536 px for the detail view; the original stays for download. */
    previewKey: text('preview_key'),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    moderation: text('moderation').$type<ImageModeration>().notNull().default('clear'),
    /** sha256 of the stored original, hex: the evidence an operator's removal keeps. Null before image checks. */
    sha256: text('sha256'),
    /** When its owner marked it a favourite; null when not (PUT/DELETE /api/images/:id/favourite). */
    favouritedAt: timestamp('favourited_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('generation_images_generation_idx').on(t.generationId, t.position),
    index('generation_images_user_favourite_idx').on(t.userId).where(sql`${t.favouritedAt} is not null`),
  ],
);

/**
 * A user's named collection of their own images (an image may be in several).
 * Names are unique per user, case-insensitive. The cover is one of the
 * album's images or null (removing it from the album clears it; deleting the
 * image clears it through the foreign key).
 */
export const albums = pgTable(
  'albums',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    coverImageId: text('cover_image_id').references(() => generationImages.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('albums_user_name_idx').using('btree', t.userId, sql`lower(${t.name})`)],
);

/** Which images are in which album; goes with either side. */
export const albumImages = pgTable(
  'album_images',
  {
    albumId: text('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    imageId: text('image_id')
      .notNull()
      .references(() => generationImages.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.albumId, t.imageId] }), index('album_images_image_idx').on(t.imageId)],
);

/**
 * Client retries of POST /api/generations with an Idempotency-Key header: the
 * first request's generation is returned again; a different body is refused.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    generationId: text('generation_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
