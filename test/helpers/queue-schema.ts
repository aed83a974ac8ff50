import type { Database } from '../../src/db/index.js';

/** Placeholder until the job queue lands: the template then also holds pg-boss's schema. */
export async function prepareQueueSchema(_database: Database): Promise<void> {}
