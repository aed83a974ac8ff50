import { z } from 'zod';
import type { GenerationPage } from '../contracts/api.js';
import type { Db } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { galleryPage } from './gallery.queries.js';
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

/** The user's gallery, newest first, one page at a time. */
export async function listGenerations(
  deps: { db: Db; modelNames: Map<string, string> },
  input: { userId: string; cursor?: string; limit: number; mature?: boolean },
): Promise<GenerationPage> {
  const rows = await galleryPage(deps.db, input.userId, {
    after: input.cursor ? decodeCursor(input.cursor) : undefined,
    limit: input.limit + 1,
    mature: input.mature ?? false,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1)?.row;
  return {
    items: page.map((g) => toGenerationView(g.row, g.images, g.references, deps.modelNames, g.held)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
