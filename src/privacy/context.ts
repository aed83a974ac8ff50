import type { Db } from '../db/index.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer } from '../mail/index.js';
import type { Storage } from '../storage/index.js';

/** What the privacy use cases may use; each takes only the part it needs. */
export interface PrivacyContext {
  db: Db;
  storage: Storage;
  queue: JobQueue;
  clock: Clock;
  log: Logger;
  mailer: Mailer;
  settings: {
    /** A local folder for files being built (export archives) before they go to storage. */
    scratchDir: string;
    /** Days an export archive can be downloaded. */
    exportDays: number;
    /** Days sign-in records (addresses, browsers) are kept. */
    logDays: number;
    /** Days ledger and purchase records of deleted accounts are kept. */
    ledgerDays: number;
    publicUrl: string;
    /** Set when a material policy change is to be e-mailed (LEGAL_POLICY_NOTIFY). */
    policyNotice: { version: string } | null;
  };
}
