import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdWebhookSchema,
  createWebhookSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookListSchema,
} from '../../contracts/webhooks.js';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, resendDelivery, type WebhooksContext } from '../../webhooks/index.js';
import { userOf } from '../plugins/access.js';

const idParams = z.object({ id: z.uuid() });
const deliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });
const user = { access: 'user', cache: 'no-store' } as const;

export const webhookRoutes =
  (deps: WebhooksContext): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/me/webhooks – the user's endpoints (never their secrets) and how many one may keep. */
    app.get('/api/me/webhooks', { config: user, schema: { response: { 200: webhookListSchema } } }, async (req) =>
      listWebhooks(deps, { userId: userOf(req).id }),
    );

    /** POST /api/me/webhooks – add an endpoint (201, with its signing secret, shown this once); 422 for a refused URL, 409 past the cap. */
    app.post(
      '/api/me/webhooks',
      { config: user, schema: { body: createWebhookSchema, response: { 201: createdWebhookSchema } } },
      async (req, reply) => reply.status(201).send(await createWebhook(deps, { userId: userOf(req).id, request: req.body })),
    );

    /** DELETE /api/me/webhooks/:id – remove an endpoint and its delivery log (204). */
    app.delete('/api/me/webhooks/:id', { config: user, schema: { params: idParams } }, async (req, reply) => {
      await deleteWebhook(deps, { userId: userOf(req).id, endpointId: req.params.id });
      return reply.status(204).send();
    });

    /** GET /api/me/webhooks/:id/deliveries – the endpoint's recent deliveries, newest first, with every attempt. */
    app.get(
      '/api/me/webhooks/:id/deliveries',
      { config: user, schema: { params: idParams, response: { 200: webhookDeliveryListSchema } } },
      async (req) => listDeliveries(deps, { userId: userOf(req).id, endpointId: req.params.id }),
    );

    /** POST /api/me/webhooks/:id/deliveries/:deliveryId/resend – one more attempt, now (202); 409 while it is still pending. */
    app.post(
      '/api/me/webhooks/:id/deliveries/:deliveryId/resend',
      { config: user, schema: { params: deliveryParams, response: { 202: webhookDeliverySchema } } },
      async (req, reply) =>
        reply
          .status(202)
          .send(await resendDelivery(deps, { userId: userOf(req).id, endpointId: req.params.id, deliveryId: req.params.deliveryId })),
    );
  };
