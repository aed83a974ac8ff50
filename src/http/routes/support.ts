import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isOperatorRole } from '../../contracts/operators.js';
import {
  closeSupportRequestSchema,
  createSupportRequestSchema,
  supportMessageInputSchema,
  supportRequestSchema,
  supportStatuses,
  supportThreadSchema,
} from '../../contracts/support.js';
import {
  addSupportMessage,
  adminCloseSupportRequest,
  adminGetSupportRequest,
  adminListSupportRequests,
  adminReplySupportRequest,
  getMySupportRequest,
  listMySupportRequests,
  type SupportContext,
  submitSupportRequest,
} from '../../support/index.js';
import { userOf } from '../plugins/access.js';

const user = { access: 'user', cache: 'no-store' } as const;
const operator = { access: 'operator', cache: 'no-store', permission: 'support' } as const;
const idParams = z.object({ id: z.uuid() });

/** The operator acting, as the audit log names them (the access check already proved the role). */
function operatorOf(req: FastifyRequest) {
  const { id, role } = userOf(req);
  if (!isOperatorRole(role)) throw new Error('an operator route ran for a non-operator');
  return { id, role };
}

export const supportRoutes =
  (deps: SupportContext): FastifyPluginAsyncZod =>
  async (app) => {
    /** POST /api/support – open a request, optionally about one of your generations or purchases (201). */
    app.post(
      '/api/support',
      { config: user, schema: { body: createSupportRequestSchema, response: { 201: supportThreadSchema } } },
      async (req, reply) => reply.status(201).send(await submitSupportRequest(deps, { userId: userOf(req).id, request: req.body })),
    );

    /** GET /api/me/support – your requests, the most recently active first. */
    app.get(
      '/api/me/support',
      { config: user, schema: { response: { 200: z.object({ requests: z.array(supportRequestSchema) }) } } },
      async (req) => ({ requests: await listMySupportRequests(deps, { userId: userOf(req).id }) }),
    );

    /** GET /api/me/support/:id – one of your requests with its thread. */
    app.get('/api/me/support/:id', { config: user, schema: { params: idParams, response: { 200: supportThreadSchema } } }, async (req) =>
      getMySupportRequest(deps, { userId: userOf(req).id, requestId: req.params.id }),
    );

    /** POST /api/me/support/:id/messages – write again in your request; it opens again (201). */
    app.post(
      '/api/me/support/:id/messages',
      { config: user, schema: { params: idParams, body: supportMessageInputSchema, response: { 201: supportThreadSchema } } },
      async (req, reply) =>
        reply.status(201).send(await addSupportMessage(deps, { userId: userOf(req).id, requestId: req.params.id, body: req.body.body })),
    );

    /** GET /api/admin/support?status= – the support inbox, longest waiting first. */
    app.get(
      '/api/admin/support',
      {
        config: operator,
        schema: {
          querystring: z.object({ status: z.enum(supportStatuses).optional() }),
          response: { 200: z.object({ requests: z.array(supportRequestSchema) }) },
        },
      },
      async (req) => ({ requests: await adminListSupportRequests(deps, { status: req.query.status }) }),
    );

    /** GET /api/admin/support/:id – a request, its thread and who asked. */
    app.get(
      '/api/admin/support/:id',
      { config: operator, schema: { params: idParams, response: { 200: supportThreadSchema } } },
      async (req) => adminGetSupportRequest(deps, { requestId: req.params.id }),
    );

    /** POST /api/admin/support/:id/reply – answer; audited, and the user is e-mailed that there is an answer (201). */
    app.post(
      '/api/admin/support/:id/reply',
      { config: operator, schema: { params: idParams, body: supportMessageInputSchema, response: { 201: supportThreadSchema } } },
      async (req, reply) =>
        reply
          .status(201)
          .send(await adminReplySupportRequest(deps, { operator: operatorOf(req), requestId: req.params.id, body: req.body.body })),
    );

    /** POST /api/admin/support/:id/close – close a request, with an optional reason for the audit log. */
    app.post(
      '/api/admin/support/:id/close',
      {
        config: operator,
        schema: { params: idParams, body: closeSupportRequestSchema.nullish(), response: { 200: supportRequestSchema } },
      },
      async (req) => adminCloseSupportRequest(deps, { operator: operatorOf(req), requestId: req.params.id, reason: req.body?.reason }),
    );
  };
