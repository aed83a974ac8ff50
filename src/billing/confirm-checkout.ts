import type { FulfilResponse } from '../contracts/billing.js';
import { getBalance } from '../credits/index.js';
import type { BillingContext } from './context.js';
import { fulfilCheckout } from './fulfil-checkout.js';

/**
 * The buyer is back on the success page: fulfil their own purchase now rather
 * than wait for the webhook (both may run at once; credits arrive once), and
 * report where it stands with the new balance. not_found for anyone else's session.
 */
export async function confirmCheckout(
  ctx: Pick<BillingContext, 'db' | 'gateway' | 'clock' | 'log' | 'creditsChanged' | 'faults'>,
  input: { userId: string; sessionId: string },
): Promise<FulfilResponse> {
  const result = await fulfilCheckout(ctx, input);
  // With userId set, fulfilment throws not_found rather than ignore a session.
  const status = result.status === 'ignored' ? 'failed' : result.status;
  return { status, credits: result.credits, balance: await getBalance(ctx.db, input.userId) };
}
