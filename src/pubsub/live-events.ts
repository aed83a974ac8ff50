import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/index.js';
import type { Logger } from '../lib/logger.js';

/**
 * Live change notices for the browser, carried by PostgreSQL NOTIFY (PGlite
 * implements it too), so one code path serves embedded mode and many
 * processes. A notice only says what changed; the SSE route reads the row,
 * scoped to the listening user, so nothing crosses accounts and the 8 kB
 * NOTIFY payload limit never matters.
 */
export interface LiveNotice {
  userId: string;
  /** `generation_restored`: back from the trash, unchanged; the browser shows it again without announcing it as new. */
  kind: 'generation' | 'generation_restored' | 'generation_deleted' | 'credits';
  id?: string;
}

const CHANNEL = 'animegen_live';

/**
 * Sends notices AFTER the change committed. Never inside a transaction:
 * PostgreSQL serialises the commits of all notifying transactions behind one
 * lock, which capped submissions at ~150/s (measured). A lost notice costs
 * only liveness: the browser re-reads on reconnect and the rows are the truth.
 */
export async function notifyLiveBestEffort(db: Db, log: Logger, ...notices: LiveNotice[]): Promise<void> {
  try {
    if (notices.length === 0) return;
    // All in one statement: one round trip however many there are.
    const each = notices.map((notice) => sql`pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`);
    await db.execute(sql`select ${sql.join(each, sql`, `)}`);
  } catch (err) {
    log.warn({ err }, 'live notice not sent');
  }
}

export interface LiveHub {
  subscribe(userId: string, handler: (notice: LiveNotice) => void): () => void;
  close(): Promise<void>;
}

/** One LISTEN per process, fanned out to each user's open streams. */
export async function createLiveHub(database: Database, log: Logger): Promise<LiveHub> {
  const handlers = new Map<string, Set<(n: LiveNotice) => void>>();
  const stop = await database.listen(CHANNEL, (payload) => {
    try {
      const notice = JSON.parse(payload) as LiveNotice;
      for (const h of handlers.get(notice.userId) ?? []) h(notice);
    } catch (err) {
      log.warn({ err }, 'unreadable live notice');
    }
  });
  return {
    subscribe(userId, handler) {
      const set = handlers.get(userId) ?? new Set();
      handlers.set(userId, set);
      set.add(handler);
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(userId);
      };
    },
    close: stop,
  };
}
