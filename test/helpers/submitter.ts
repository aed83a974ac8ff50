import { loadConfig } from '../../src/config.js';
import { grantCredits } from '../../src/credits/index.js';
import type { Database } from '../../src/db/index.js';
import { type GenerationContext, submitGeneration } from '../../src/generation/index.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { systemClock } from '../../src/lib/clock.js';
import { newId } from '../../src/lib/ids.js';
import { createPromptScreen } from '../../src/moderation/index.js';
import { creditsLowClauses } from '../../src/webhooks/index.js';
import { tables } from './tables.js';

/**
 * A new user with `credits`, submitting nano-banana generations straight into a database that
 * worker processes share (what the web process does after its checks), for the process tests.
 */
export async function givenSubmitter(database: Database, queue: JobQueue, name: string, credits: number) {
  const config = loadConfig({ NODE_ENV: 'test' });
  // Only what submitGeneration reads: the web process's full context is not needed to queue work.
  const ctx = {
    db: database.db,
    queue,
    clock: systemClock,
    provider: { name: 'kie' },
    catalog: config.models,
    modelNames: new Map(config.models.map((m) => [m.id, m.name])),
    settings: { deadlineSeconds: 900, maxReferences: 4 },
    screenPrompt: createPromptScreen({ db: database.db, clock: systemClock }),
    // The submit's statement carries the credits.low clauses, as the web process's does.
    events: { debitClauses: (input) => creditsLowClauses({ queue, settings: config.webhooks }, input) },
  } as Partial<GenerationContext> as GenerationContext;
  const userId = newId();
  await database.db.insert(tables.user).values({ id: userId, name, email: `${userId}@example.com`, emailVerified: true });
  await grantCredits(database.db, { userId, amount: credits, kind: 'signup_grant', reference: userId });
  return {
    userId,
    submit: (prompt: string) => submitGeneration(ctx, { userId, request: { prompt, model: 'nano-banana', aspectRatio: '1:1' } }),
  };
}
