import type { Db } from '../db/index.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer } from '../mail/index.js';

/** What the webhook use cases may use; each takes only the part it needs. Built once in deps.ts. */
export interface WebhooksContext {
  db: Db;
  clock: Clock;
  log: Logger;
  queue: Pick<JobQueue, 'send' | 'insertSql' | 'wake'>;
  mailer: Mailer;
  /** Where the disabled-endpoint e-mail's link points (the app's public address). */
  publicUrl: string;
  settings: WebhookSettings;
  /** Every address a hostname resolves to (the system resolver; a test may answer for names it invents). */
  resolve?: (hostname: string) => Promise<string[]>;
}

export interface WebhookSettings {
  /**
   * WEBHOOK_ALLOW_INSECURE (development only, refused in production): plain
   * http and loopback or private receivers are accepted.
   */
  allowInsecure: boolean;
  /** One attempt's whole time: connecting, sending and the answer's status line. */
  timeoutMs: number;
  /** credits.low fires when a generation's debit takes the balance from at least this to below it; 0: never. */
  creditsLowThreshold: number;
}
