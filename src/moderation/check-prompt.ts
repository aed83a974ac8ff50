import type { PolicyDecision } from '../contracts/moderation.js';
import type { Db } from '../db/index.js';
import { decidePrompt } from './decide-prompt.js';
import { listDenylistTerms } from './moderation.queries.js';

/**
 * The operators' "test a prompt": what the policy would decide, with this
 * server's denylist as it is now. Records nothing against anyone.
 */
export async function checkPrompt(db: Db, input: { prompt: string; negativePrompt?: string; mature: boolean }): Promise<PolicyDecision> {
  const decision = decidePrompt({
    prompt: input.prompt,
    negativePrompt: input.negativePrompt ?? '',
    mature: input.mature,
    denylist: await listDenylistTerms(db),
  });
  return decision.decision === 'allow' ? { decision: 'allow' } : { decision: 'block', category: decision.category };
}
