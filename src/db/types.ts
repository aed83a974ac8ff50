import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * A drizzle handle on either database; transactions have the same type. It
 * carries no schema: each module imports its own tables, and only its own.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
