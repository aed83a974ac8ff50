import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type BillingContext, confirmCheckout, getBilling, handleStripeWebhook, startCheckout } from '../../billing/index.js';
import {
  billingSchema,
  checkoutRequestSchema,
  checkoutResponseSchema,
  fulfilRequestSchema,
  fulfilResponseSchema,
} from '../../contracts/billing.js';
import { userOf } from '../plugins/access.js';

const user = { access: 'user', cache: 'no-store' } as const;

export const billingRoutes =
  (deps: BillingContext): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/billing – whether buying is possible, the credit packs, and the user's purchases. */
    app.get('/api/billing', { config: user, schema: { response: { 200: billingSchema } } }, async (req) =>
      getBilling(deps, { userId: userOf(req).id }),
    );

    /** POST /api/billing/checkout – start buying a pack; answers Stripe's checkout URL for the browser to visit. */
    app.post(
      '/api/billing/checkout',
      { config: user, schema: { body: checkoutRequestSchema, response: { 200: checkoutResponseSchema } } },
      async (req) => startCheckout(deps, { userId: userOf(req).id, packId: req.body.packId }),
    );

    /** POST /api/billing/fulfil – the buyer is back from Stripe: credit their own purchase now (the webhook may race; credits arrive once). */
    app.post(
      '/api/billing/fulfil',
      { config: user, schema: { body: fulfilRequestSchema, response: { 200: fulfilResponseSchema } } },
      async (req) => confirmCheckout(deps, { userId: userOf(req).id, sessionId: req.body.sessionId }),
    );

    await app.register(webhookRoute(deps));
  };

/**
 * POST /api/billing/webhook – Stripe's events, signed over the exact bytes
 * sent. Its own encapsulated plugin, so only this route reads the body as a
 * raw buffer (a JSON parser first would destroy what the signature covers).
 */
const webhookRoute =
  (deps: BillingContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    app.post(
      '/api/billing/webhook',
      {
        // Stripe signs the exact bytes; the handler verifies the signature.
        config: { access: 'signed', cache: 'none' },
        bodyLimit: 512 * 1024,
        schema: { response: { 200: z.object({ received: z.literal(true), duplicate: z.boolean() }) } },
      },
      async (req) => {
        const signature = req.headers['stripe-signature'];
        return handleStripeWebhook(deps, {
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          signature: Array.isArray(signature) ? signature[0] : signature,
        });
      },
    );
  };
