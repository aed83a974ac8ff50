import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/index.js';
import type { Logger } from '../lib/logger.js';

const CHANNEL = 'animegen_hint';
const RECENT_KEYS = 10_000;

/**
 * Wake-up calls for workers: a provider callback says "look at this
 * generation now". A hint only shortens a wait; the worker still asks the
 * provider for the truth, and a lost hint costs only the rest of the wait.
 */
export interface HintHub {
  /**
   * Waits `ms`, or less if a hint for `key` arrives, or none at all if one
   * arrived after `since` (ms since the epoch: while the caller was busy asking
   * the provider). Rejects with AbortError when `signal` aborts.
   */
  wait(key: string, ms: number, signal: AbortSignal, since?: number): Promise<void>;
  close(): Promise<void>;
}

/** The SQL expression that sends a hint for `key`, to put in a statement that does more. */
export function hintExpression(key: SQLWrapper | string): SQL {
  return sql`pg_notify(${CHANNEL}, ${key})`;
}

export async function sendHintBestEffort(db: Db, log: Logger, key: string): Promise<void> {
  try {
    await db.execute(sql`select ${hintExpression(key)}`);
  } catch (err) {
    log.warn({ err }, 'hint not sent');
  }
}

export async function createHintHub(database: Database): Promise<HintHub> {
  const waiters = new Map<string, Set<() => void>>();
  // When each key was last hinted, so a hint that came while nobody waited is not lost (bounded: oldest go).
  const recent = new Map<string, number>();
  const stop = await database.listen(CHANNEL, (key) => {
    recent.delete(key);
    recent.set(key, Date.now());
    if (recent.size > RECENT_KEYS) recent.delete(recent.keys().next().value!);
    for (const wake of waiters.get(key) ?? []) wake();
  });
  return {
    wait(key, ms, signal, since) {
      return new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        if (since !== undefined && (recent.get(key) ?? 0) >= since) return resolve();
        const set = waiters.get(key) ?? new Set();
        waiters.set(key, set);
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', abort);
          set.delete(wake);
          if (set.size === 0) waiters.delete(key);
        };
        const timer = setTimeout(() => {
          done();
          resolve();
        }, ms);
        const abort = () => {
          done();
          reject(signal.reason);
        };
        signal.addEventListener('abort', abort, { once: true });
        const wake = () => {
          done();
          resolve();
        };
        set.add(wake);
      });
    },
    close: stop,
  };
}
