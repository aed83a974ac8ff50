import { hasEntry } from '../credits/index.js';
import type { BillingContext } from './context.js';
import { fulfilCheckout } from './fulfil-checkout.js';

/** Stripe retries a webhook for up to three days; looking back as far catches everything it may have given up on. */
export const RECONCILE_LOOKBACK_MS = 3 * 24 * 3_600_000;

/**
 * Safety net for webhooks that never arrived (endpoint down, misconfigured,
 * secret rotated): asks Stripe for the paid checkout sessions of the last
 * three days and fulfils every one of ours whose credits are not in the
 * ledger. Idempotent: a second run grants nothing. One failing session does
 * not stop the others; the run then throws so the job is retried.
 */
export async function reconcileCheckouts(
  ctx: Pick<BillingContext, 'db' | 'gateway' | 'clock' | 'log' | 'creditsChanged' | 'faults'>,
): Promise<{ checked: number; granted: number }> {
  if (!ctx.gateway) return { checked: 0, granted: 0 };
  const since = new Date(ctx.clock.now().getTime() - RECONCILE_LOOKBACK_MS);
  const sessions = (await ctx.gateway.listPaidSessions(since)).filter((s) => s.purchaseId !== null);
  let granted = 0;
  let failed = 0;
  for (const { sessionId } of sessions) {
    // The ledger is the truth about what was granted; only a missing grant costs a call to Stripe.
    if (await hasEntry(ctx.db, 'purchase', sessionId)) continue;
    try {
      const result = await fulfilCheckout(ctx, { sessionId });
      if (result.changed) granted += 1;
    } catch (err) {
      failed += 1;
      ctx.log.error({ err, sessionId }, 'reconciliation could not fulfil a paid checkout session');
    }
  }
  if (granted > 0) ctx.log.warn({ granted }, 'reconciliation granted purchases whose webhooks never arrived');
  if (failed > 0) throw new Error(`reconciliation: ${failed} paid checkout sessions could not be fulfilled`);
  return { checked: sessions.length, granted };
}
