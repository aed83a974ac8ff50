import { billingQueues } from '../../src/billing/index.js';
import type { Database } from '../../src/db/index.js';
import { generationQueues } from '../../src/generation/index.js';
import { prepareQueues } from '../../src/jobs/queue.js';
import { privacyQueues } from '../../src/privacy/index.js';

/** The template also holds pg-boss's schema and queues, so test apps start fast. */
export async function prepareQueueSchema(database: Database): Promise<void> {
  await prepareQueues(database, [...generationQueues({ maxAttempts: 4, expireInSeconds: 960 }), ...billingQueues(), ...privacyQueues]);
}
