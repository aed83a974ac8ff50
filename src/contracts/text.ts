import { z } from 'zod';

/**
 * A string PostgreSQL can store. It refuses the NUL character, so we refuse
 * it first: a clear 422 for that field instead of a database error (500).
 * Chain length and trim rules after it.
 */
export const text = () => z.string().refine((s) => !s.includes('\u0000'), 'must not contain the NUL character');
