import { registerBillingJobs } from './billing/index.js';
import type { Deps } from './deps.js';
import { registerGenerationJobs } from './generation/index.js';
import { registerPrivacyJobs } from './privacy/index.js';

/** Registers every module's job handlers on this process (composition root). */
export async function startWorker(deps: Deps): Promise<void> {
  await registerGenerationJobs(deps.generation, deps.config.generation.concurrency);
  await registerBillingJobs(deps.billing, deps.queue);
  await registerPrivacyJobs(deps.privacy, deps.generation);
  deps.log.info({ concurrency: deps.config.generation.concurrency }, 'worker started');
}
