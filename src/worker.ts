import { registerAdminJobs } from './admin/index.js';
import { registerBillingJobs } from './billing/index.js';
import type { Deps } from './deps.js';
import { registerGenerationJobs } from './generation/index.js';
import { registerPrivacyJobs } from './privacy/index.js';
import { registerSupportJobs } from './support/index.js';
import { registerWebhookJobs } from './webhooks/index.js';

/** Registers every module's jobs on this process (composition root); the caller says it started. */
export async function startWorker(deps: Deps): Promise<void> {
  const { queue } = deps;
  await registerGenerationJobs(queue, deps.generation, deps.config.generation.concurrency);
  await registerBillingJobs(queue, deps.billing);
  await registerPrivacyJobs(queue, deps.privacy, deps.generation);
  await registerSupportJobs(queue, deps.support);
  await registerAdminJobs(queue, deps.admin);
  await registerWebhookJobs(queue, deps.webhooks);
  // The local image check loads its model in the background: results that come first wait for it, nothing else does.
  deps.generation.imageModerator.warm?.().catch((err) => deps.log.warn({ err }, 'image check not warmed; the first result will load it'));
}
