import type { PolicyCategory } from '../contracts/moderation.js';
import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { PromptBlockCategory } from './decide-prompt.js';
import { compileDenylist, type Denylist, decidePrompt } from './decide-prompt.js';
import { countStrikes, listDenylistTerms } from './moderation.queries.js';
import { moderationCases } from './moderation.schema.js';

/** What the user is told, by rule: the category, never the word that matched. */
const refusals: Record<PromptBlockCategory, string> = {
  minor_sexual:
    'This prompt was refused: sexual content involving minors is never allowed. Nothing was charged, and the account is suspended until an operator reviews it.',
  sexual: 'This prompt was refused: explicit sexual content is not allowed on this account. Nothing was charged.',
  denylist: 'This prompt was refused: it contains a term this service does not allow. Nothing was charged.',
};

export interface PromptToScreen {
  userId: string;
  prompt: string;
  negativePrompt: string | null;
  model: string;
  /** Whether the account opted into mature content (explicit, never involving minors). */
  mature: boolean;
}

export type ScreenPrompt = (input: PromptToScreen) => Promise<void>;

/**
 * What happens to the account beside the queued case, in the same transaction
 * (deps.ts: a suspension for minor_sexual, or when the strikes reach the
 * limit). `strikes` counts this refusal with the account's others of the last
 * 30 days that an operator did not dismiss. Answers whether it suspended.
 */
export type OnRefused = (tx: Db, refused: { userId: string; category: PolicyCategory; strikes: number }) => Promise<boolean>;

/** Said after the rule's refusal when this one suspended the account (minor_sexual says it already). */
const SUSPENDED = ' You have been refused too often: the account is suspended until an operator reviews it.';

/** How long the operators' denylist is read from memory before it is read again. */
const DENYLIST_TTL_MS = 10_000;

/**
 * The content policy at submit: a refused prompt joins the moderation queue
 * and the submit ends in 422 content_policy, before anything is charged or
 * sent to a provider. The operators' terms are re-read at most every 10 s, so
 * a term added on one server reaches every other within that.
 */
export function createPromptScreen(deps: { db: Db; clock: Clock; onRefused?: OnRefused }): ScreenPrompt {
  let cached: { at: number; terms: Promise<Denylist> } | null = null;
  const denylist = () => {
    const now = deps.clock.now().getTime();
    if (!cached || now - cached.at >= DENYLIST_TTL_MS) {
      const terms = listDenylistTerms(deps.db).then(compileDenylist);
      // A failed read is not kept: the next submit tries again.
      terms.catch(() => {
        cached = null;
      });
      cached = { at: now, terms };
    }
    return cached.terms;
  };
  return async (input) => {
    const decision = decidePrompt({
      prompt: input.prompt,
      negativePrompt: input.negativePrompt ?? '',
      mature: input.mature,
      denylist: await denylist(),
    });
    if (decision.decision === 'allow') return;
    const { category } = decision;
    const suspended = await deps.db.transaction(async (tx) => {
      await tx.insert(moderationCases).values({
        id: newId(),
        userId: input.userId,
        kind: 'prompt',
        category,
        prompt: input.prompt,
        negativePrompt: input.negativePrompt,
        model: input.model,
        status: 'open',
        createdAt: deps.clock.now(),
      });
      const strikes = await countStrikes(tx, input.userId, deps.clock.now());
      return (await deps.onRefused?.(tx, { userId: input.userId, category, strikes })) ?? false;
    });
    const message = refusals[category] + (suspended && category !== 'minor_sexual' ? SUSPENDED : '');
    throw new AppError('content_policy', message, { field: 'prompt', category });
  };
}
