import type { Db } from '../db/index.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer } from '../mail/index.js';

/** What the support use cases may use; each takes only the part it needs. Built once in deps.ts. */
export interface SupportContext {
  db: Db;
  clock: Clock;
  queue: Pick<JobQueue, 'send'>;
  mailer: Mailer;
  log: Logger;
  /** Where the reply e-mail's link points (the app's public address). */
  publicUrl: string;
  limits: SupportLimits;
}

export interface SupportLimits {
  /** Requests one account may have open or answered at once (closing one frees a place). */
  openRequests: number;
  /** New requests one account may open per hour. */
  requestsPerHour: number;
  /** Messages (new requests and replies) one account may write per hour. */
  messagesPerHour: number;
}

export const defaultSupportLimits: SupportLimits = { openRequests: 5, requestsPerHour: 3, messagesPerHour: 20 };
