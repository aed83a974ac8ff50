import type { Quote, SubmitGenerationInput } from '../contracts/api.js';
import { checkSubmission } from './check-submission.js';
import type { GenerationContext } from './context.js';

/**
 * What submitting this request would charge, after the same checks the submit
 * makes (same errors for bad input). Reads only: nothing is charged, reserved,
 * recorded or sent to the content policy. The figure is the submit's debit.
 */
export async function quoteGeneration(
  deps: Pick<GenerationContext, 'db' | 'catalog' | 'settings' | 'clock'>,
  input: { userId: string; request: SubmitGenerationInput; mature?: boolean },
): Promise<Quote> {
  const { cost } = await checkSubmission(deps, { ...input, forQuote: true });
  return { cost };
}
