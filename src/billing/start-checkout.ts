import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { countCheckoutsSince, insertPurchase, lockUserCheckouts, markCheckoutFailed, recordCheckoutSession } from './billing.queries.js';
import { type BillingContext, requireGateway } from './context.js';

const HOUR_MS = 3_600_000;

/**
 * Starts buying a credit pack: records a pending purchase (our opaque id),
 * then asks Stripe for a hosted checkout page keyed by that id, so a retried
 * request never makes a second session. Stripe learns the purchase id and
 * the pack, nothing about the person. Throws billing_disabled, invalid_input
 * (unknown pack), rate_limited (too many starts this hour) or
 * payment_provider_unavailable.
 */
export async function startCheckout(
  ctx: Pick<BillingContext, 'db' | 'gateway' | 'packs' | 'publicUrl' | 'checkoutLimitPerHour' | 'clock'>,
  input: { userId: string; packId: string },
): Promise<{ url: string }> {
  const gateway = requireGateway(ctx);
  const pack = ctx.packs.find((p) => p.id === input.packId);
  if (!pack) throw new AppError('invalid_input', 'There is no such credit pack.', { field: 'packId' });

  const purchaseId = newId();
  await ctx.db.transaction(async (tx) => {
    await lockUserCheckouts(tx, input.userId);
    const since = new Date(ctx.clock.now().getTime() - HOUR_MS);
    if ((await countCheckoutsSince(tx, input.userId, since)) >= ctx.checkoutLimitPerHour) {
      throw new AppError('rate_limited', 'You have started too many purchases in the last hour. Please try again later.');
    }
    await insertPurchase(tx, {
      id: purchaseId,
      userId: input.userId,
      packId: pack.id,
      packName: pack.name,
      credits: pack.credits,
      amount: pack.price,
      currency: pack.currency,
    });
  });

  let session: { id: string; url: string };
  try {
    session = await gateway.createCheckoutSession({
      purchaseId,
      pack,
      successUrl: `${ctx.publicUrl}/credits?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${ctx.publicUrl}/credits?checkout=cancel`,
      idempotencyKey: `checkout-${purchaseId}`,
    });
  } catch (err) {
    await markCheckoutFailed(ctx.db, purchaseId);
    throw err;
  }
  await recordCheckoutSession(ctx.db, purchaseId, session.id);
  return { url: session.url };
}
