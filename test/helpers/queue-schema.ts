import type { Database } from '../../src/db/index.js';
import { allQueues } from '../../src/deps.js';
import { prepareQueues } from '../../src/jobs/queue.js';

/** The run queue's policy as test apps configure it (deps.ts: 4 attempts, 2 s apart, the default deadline + 60 s). */
export const testRunPolicy = { maxAttempts: 4, retryDelaySeconds: 2, jobExpireSeconds: 960 };

/** The template also holds pg-boss's schema and queues, so test apps start fast. */
export async function prepareQueueSchema(database: Database): Promise<void> {
  await prepareQueues(database, allQueues(testRunPolicy));
}
