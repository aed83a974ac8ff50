import { z } from 'zod';
import type { GenerationPage } from '../contracts/api.js';
import type { GalleryQuery } from '../contracts/gallery.js';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../lib/errors.js';
import { findOwnedAlbum } from './albums.queries.js';
import { filteredGalleryPage, type GalleryFilters, galleryPage } from './gallery.queries.js';
import { toGenerationView } from './to-view.js';

const encodeCursor = (createdAt: Date, id: string) => Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');

const generationId = z.uuid();

/** A cursor this server made, or invalid_input: nothing else reaches the query (a broken id would be a database error). */
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (rest.length > 0 || !generationId.safeParse(id).success || Number.isNaN(createdAt.getTime())) {
    throw new AppError('invalid_input', 'That page cursor is not valid.', { field: 'cursor' });
  }
  return { createdAt, id: id! };
}

/** Scripts written without spaces between words: PostgreSQL's parser cannot split them, so they are matched as a substring. */
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
/** Text the full-text parser makes words of (letters or digits); punctuation alone is matched as a substring. */
const wordy = /[\p{L}\p{N}]/u;

/**
 * The search text as a filter: words (full-text, 'simple' configuration,
 * whole words in any order, websearch syntax: "quoted phrase", -not, or),
 * or a case-insensitive substring for Japanese and other unspaced scripts.
 */
export function searchFilter(q: string): GalleryFilters['search'] {
  const text = q.trim();
  if (text === '') return undefined;
  return unspaced.test(text) || !wordy.test(text) ? { kind: 'substring', text } : { kind: 'words', text };
}

const DAY_MS = 86_400_000;

/**
 * The query's filters, checked: an unknown model is invalid_input naming
 * `model`; another user's (or no) album is not_found, as for any of their
 * things. Dates are whole UTC days, both ends inclusive.
 */
async function toFilters(deps: { db: Db; modelNames: Map<string, string> }, userId: string, query: Partial<GalleryQuery>) {
  if (query.model !== undefined && !deps.modelNames.has(query.model)) {
    throw new AppError('invalid_input', 'There is no such model.', { field: 'model' });
  }
  if (query.album !== undefined && !(await findOwnedAlbum(deps.db, userId, query.album))) throw notFound('That album');
  const filters: GalleryFilters = {
    search: query.q ? searchFilter(query.q) : undefined,
    modelId: query.model,
    tool: query.tool,
    status: query.status,
    from: query.from ? new Date(`${query.from}T00:00:00.000Z`) : undefined,
    before: query.to ? new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + DAY_MS) : undefined,
    favourite: query.favourite === '1',
    albumId: query.album,
  };
  const narrowed = Object.values(filters).some((v) => v !== undefined && v !== false);
  return narrowed ? filters : null;
}

/** The user's gallery, newest first, one page at a time, narrowed by any filters; the cursor stays valid with the same filters. */
export async function listGenerations(
  deps: { db: Db; modelNames: Map<string, string> },
  input: { userId: string; cursor?: string; limit: number; mature?: boolean; filters?: Partial<GalleryQuery> },
): Promise<GenerationPage> {
  const filters = await toFilters(deps, input.userId, input.filters ?? {});
  const opts = { after: input.cursor ? decodeCursor(input.cursor) : undefined, limit: input.limit + 1, mature: input.mature ?? false };
  const rows = filters ? await filteredGalleryPage(deps.db, input.userId, filters, opts) : await galleryPage(deps.db, input.userId, opts);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1)?.row;
  return {
    items: page.map((g) => toGenerationView(g.row, g.images, g.references, deps.modelNames, g.held)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
