import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actorOf,
  addDenylistEntry,
  decideModerationCase,
  listOpenAlerts,
  removeDenylistEntry,
  resolveAlertAudited,
} from '../../admin/index.js';
import { recordOperatorAction } from '../../audit/index.js';
import { addDenylistTermSchema, denylistTermSchema, operatorAlertSchema } from '../../contracts/admin.js';
import { caseDecisionSchema, moderationCaseSchema, policyCheckSchema, policyDecisionSchema } from '../../contracts/moderation.js';
import type { OperatorPermission } from '../../contracts/operators.js';
import { privacyRequestSchema, updatePrivacyRequestSchema } from '../../contracts/privacy.js';
import { text } from '../../contracts/text.js';
import { adminListCases, adminListDenylist, checkPrompt } from '../../moderation/index.js';
import { adminListPrivacyRequests, adminUpdatePrivacyRequest, type PrivacyContext } from '../../privacy/index.js';
import { userOf } from '../plugins/access.js';

/** Operator routes: each declares what it does; roles without that permission get 403 (contracts/operators.ts). */
const operator = (permission: OperatorPermission) => ({ access: 'operator', cache: 'no-store', permission }) as const;

export const adminRoutes =
  (deps: PrivacyContext): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/admin/privacy-requests – the queue, oldest due first. */
    app.get(
      '/api/admin/privacy-requests',
      {
        config: operator('privacy'),
        schema: {
          querystring: z.object({ status: z.enum(['open', 'in_progress', 'done', 'rejected']).optional() }),
          response: { 200: z.object({ requests: z.array(privacyRequestSchema) }) },
        },
      },
      async (req) => ({ requests: await adminListPrivacyRequests(deps, { status: req.query.status }) }),
    );

    /** PATCH /api/admin/privacy-requests/:id – move a request along; the requester is e-mailed. */
    app.patch(
      '/api/admin/privacy-requests/:id',
      {
        config: operator('privacy'),
        schema: { params: z.object({ id: z.uuid() }), body: updatePrivacyRequestSchema, response: { 200: privacyRequestSchema } },
      },
      async (req) => {
        const actor = actorOf(userOf(req));
        const { status, resolution } = req.body;
        return adminUpdatePrivacyRequest(deps, {
          requestId: req.params.id,
          status,
          resolution,
          alsoInTransaction: (tx, request) =>
            recordOperatorAction(tx, {
              actor,
              action: 'privacy.update',
              targetUserId: request.userId,
              targetId: req.params.id,
              reason: resolution ?? null,
              detail: { status },
              now: deps.clock.now(),
            }),
        });
      },
    );

    for (const decision of ['release', 'remove'] as const) {
      /**
       * POST /api/admin/moderation/:id/release – a held image becomes visible to its owner (a prompt or report case is dismissed);
       * POST /api/admin/moderation/:id/remove – the case is upheld, an image is deleted for everyone (its evidence hash stays).
       * Audited with the reason, in the same transaction (204; 409 when already decided).
       */
      app.post(
        `/api/admin/moderation/:id/${decision}`,
        { config: operator('moderation'), schema: { params: z.object({ id: z.uuid() }), body: caseDecisionSchema } },
        async (req, reply) => {
          await decideModerationCase(deps, {
            actor: actorOf(userOf(req)),
            caseId: req.params.id,
            decision,
            reason: req.body.reason,
          });
          return reply.status(204).send();
        },
      );
    }

    /** GET /api/admin/moderation – refused prompts, held images and reports, newest first (at most 200). */
    app.get(
      '/api/admin/moderation',
      {
        config: operator('moderation'),
        schema: {
          querystring: z.object({ status: z.enum(['open', 'dismissed', 'upheld']).optional() }),
          response: { 200: z.object({ cases: z.array(moderationCaseSchema) }) },
        },
      },
      async (req) => ({ cases: await adminListCases(deps.db, { status: req.query.status }) }),
    );

    /** POST /api/admin/moderation/check – what the policy decides for a prompt; recorded against nobody. */
    app.post(
      '/api/admin/moderation/check',
      { config: operator('moderation'), schema: { body: policyCheckSchema, response: { 200: policyDecisionSchema } } },
      async (req) => checkPrompt(deps.db, req.body),
    );

    /** GET /api/admin/moderation/denylist – the terms this server refuses beside the built-in rules. */
    app.get(
      '/api/admin/moderation/denylist',
      { config: operator('moderation'), schema: { response: { 200: z.object({ terms: z.array(denylistTermSchema) }) } } },
      async () => ({ terms: await adminListDenylist(deps.db) }),
    );

    /** POST /api/admin/moderation/denylist – refuse a term (201); every server applies it within 10 s. */
    app.post(
      '/api/admin/moderation/denylist',
      { config: operator('moderation'), schema: { body: addDenylistTermSchema, response: { 201: denylistTermSchema } } },
      async (req, reply) => {
        const added = await addDenylistEntry(deps.db, { actor: actorOf(userOf(req)), ...req.body, now: deps.clock.now() });
        return reply.status(201).send(added);
      },
    );

    /** DELETE /api/admin/moderation/denylist/:id – take a term off the list (204). */
    app.delete(
      '/api/admin/moderation/denylist/:id',
      { config: operator('moderation'), schema: { params: z.object({ id: z.uuid() }) } },
      async (req, reply) => {
        await removeDenylistEntry(deps.db, { actor: actorOf(userOf(req)), id: req.params.id, now: deps.clock.now() });
        return reply.status(204).send();
      },
    );

    /** GET /api/admin/alerts – what needs an operator (e.g. the image provider account is out of credits). */
    app.get(
      '/api/admin/alerts',
      { config: operator('alerts'), schema: { response: { 200: z.object({ alerts: z.array(operatorAlertSchema) }) } } },
      async () => ({ alerts: await listOpenAlerts(deps.db) }),
    );

    /** POST /api/admin/alerts/:id/resolve – fixed; the banner goes (204). */
    app.post(
      '/api/admin/alerts/:id/resolve',
      { config: operator('alerts'), schema: { params: z.object({ id: z.uuid() }) } },
      async (req, reply) => {
        await resolveAlertAudited(deps.db, { actor: actorOf(userOf(req)), alertId: req.params.id, now: deps.clock.now() });
        return reply.status(204).send();
      },
    );
  };
