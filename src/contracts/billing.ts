import { z } from 'zod';

/** Wire shapes of /api/billing (credit packs bought through Stripe Checkout). */

export const creditPackSchema = z.object({
  id: z.string(),
  name: z.string(),
  credits: z.number().int(),
  /** In the currency's minor unit (cents; yen for JPY). */
  price: z.number().int(),
  /** ISO 4217, lower case. */
  currency: z.string(),
});
export type CreditPackView = z.infer<typeof creditPackSchema>;

export const purchaseStatusSchema = z.enum(['pending', 'open', 'processing', 'expired', 'failed', 'paid']);
export type PurchaseStatusView = z.infer<typeof purchaseStatusSchema>;

export const purchaseSchema = z.object({
  id: z.string(),
  packName: z.string(),
  credits: z.number().int(),
  amount: z.number().int(),
  currency: z.string(),
  status: purchaseStatusSchema,
  /** Minor units refunded so far. */
  refundedAmount: z.number().int(),
  disputed: z.boolean(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
export type Purchase = z.infer<typeof purchaseSchema>;

/** GET /api/billing */
export const billingSchema = z.object({
  /** False when this server has no payment provider: nothing can be bought. */
  enabled: z.boolean(),
  packs: z.array(creditPackSchema),
  /** Purchases that were paid or are waiting for a delayed payment, newest first. */
  purchases: z.array(purchaseSchema),
});
export type Billing = z.infer<typeof billingSchema>;

export const checkoutRequestSchema = z.object({ packId: z.string().min(1).max(40) }).strict();
export type CheckoutInput = z.infer<typeof checkoutRequestSchema>;

export const checkoutResponseSchema = z.object({
  /** Stripe's hosted checkout page; the browser goes there. */
  url: z.string(),
});
export type CheckoutResponse = z.infer<typeof checkoutResponseSchema>;

export const fulfilRequestSchema = z.object({ sessionId: z.string().min(1).max(255) }).strict();
export type FulfilInput = z.infer<typeof fulfilRequestSchema>;

/** POST /api/billing/fulfil: where the purchase stands after the buyer came back. */
export const fulfilResponseSchema = z.object({
  status: purchaseStatusSchema,
  credits: z.number().int(),
  balance: z.number().int(),
});
export type FulfilResponse = z.infer<typeof fulfilResponseSchema>;
