import type { GenerationContext } from './context.js';
import { failGeneration } from './fail-generation.js';
import { pipelineFailures } from './failures.js';
import { unsafeFindOverdue } from './generation.queries.js';

/**
 * The `generation.sweep` job: fails and refunds every generation still not
 * finished after its deadline, so nothing stays queued or running forever
 * (lost callbacks, dead workers). Returns how many it failed.
 */
export async function sweepDeadlines(
  deps: Pick<GenerationContext, 'db' | 'clock' | 'log' | 'metrics' | 'events' | 'modelNames'>,
): Promise<number> {
  let failed = 0;
  for (;;) {
    const overdue = await unsafeFindOverdue(deps.db, deps.clock.now(), 100);
    for (const { id } of overdue) {
      if (await failGeneration(deps, { generationId: id, failure: pipelineFailures.timeout })) failed++;
    }
    if (overdue.length < 100) return failed;
  }
}
