import { type SQL, sql } from 'drizzle-orm';
import type { GenerationStatus } from '../contracts/api.js';

/**
 * The generation state machine as data. Every status change in the database
 * is guarded by the statuses this table allows it from (`statusAllows`), so
 * two workers, a callback and the deadline sweeper cannot both advance one
 * row, and the table's tests prove what the SQL does.
 */
export const transitions = {
  queued: ['running', 'failed', 'canceled'],
  running: ['succeeded', 'failed', 'canceled'],
  succeeded: [],
  failed: [],
  // Stopped by its owner (POST /api/generations/:id/cancel), refunded in full.
  canceled: [],
} as const satisfies Record<GenerationStatus, readonly GenerationStatus[]>;

const statuses = Object.keys(transitions) as GenerationStatus[];

export function canTransition(from: GenerationStatus, to: GenerationStatus): boolean {
  return (transitions[from] as readonly GenerationStatus[]).includes(to);
}

/** The statuses a generation may move to `to` from, read from the table. */
export function sourcesOf(to: GenerationStatus): GenerationStatus[] {
  return statuses.filter((from) => canTransition(from, to));
}

export function isTerminal(status: GenerationStatus): boolean {
  switch (status) {
    case 'queued':
    case 'running':
      return false;
    case 'succeeded':
    case 'failed':
    case 'canceled':
      return true;
    default: {
      const never: never = status;
      throw new Error(`unknown status ${never}`);
    }
  }
}

/** Statuses that have not ended: a generation in one may still fail (deadline, refund). */
export const activeStatuses = statuses.filter((s) => !isTerminal(s));

const list = (values: readonly GenerationStatus[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * `status in (…)` for the statuses the table allows a move to `to` from: the
 * WHERE of every status change (compare-and-set). Unqualified, for a
 * statement on the generations table alone.
 */
export function statusAllows(to: GenerationStatus): SQL {
  return sql`${sql.identifier('status')} in (${list(sourcesOf(to))})`;
}

/** `status in (…)` for the generations that have not ended. */
export function statusIsActive(): SQL {
  return sql`${sql.identifier('status')} in (${list(activeStatuses)})`;
}
