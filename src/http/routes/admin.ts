import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findAccountId, suspendAccount, unsuspendAccount } from '../../accounts/index.js';
import { decideModerationCase, listOpenAlerts, resolveAlert } from '../../admin/index.js';
import { operatorAlertSchema } from '../../contracts/admin.js';
import { caseDecisionSchema, moderationCaseSchema, policyCheckSchema, policyDecisionSchema } from '../../contracts/moderation.js';
import type { OperatorPermission, OperatorRole } from '../../contracts/operators.js';
import { privacyRequestSchema, updatePrivacyRequestSchema } from '../../contracts/privacy.js';
import { text } from '../../contracts/text.js';
import { adminListCases, checkPrompt } from '../../moderation/index.js';
import { adminListPrivacyRequests, adminUpdatePrivacyRequest, eraseAccount, type PrivacyContext } from '../../privacy/index.js';
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
      async (req) =>
        adminUpdatePrivacyRequest(deps, { requestId: req.params.id, status: req.body.status, resolution: req.body.resolution }),
    );

    /** POST /api/admin/users/:id/suspend – suspend an account with a reason: its sessions end, sign-in is refused (204). */
    app.post(
      '/api/admin/users/:id/suspend',
      {
        config: operator('users.suspend'),
        schema: { params: z.object({ id: text().min(1).max(254) }), body: z.object({ reason: text().trim().min(1).max(500) }).strict() },
      },
      async (req, reply) => {
        const admin = userOf(req);
        const userId = await findAccountId(deps, req.params.id);
        await deps.db.transaction((tx) => suspendAccount(tx, { userId, reason: req.body.reason, now: deps.clock.now() }));
        req.log.warn({ operator: admin.id, account: userId }, 'operator suspended an account');
        return reply.status(204).send();
      },
    );

    /** POST /api/admin/users/:id/unsuspend – lift a suspension after review: the account may sign in again (204). */
    app.post(
      '/api/admin/users/:id/unsuspend',
      { config: operator('users.suspend'), schema: { params: z.object({ id: text().min(1).max(254) }) } },
      async (req, reply) => {
        const admin = userOf(req);
        const userId = await findAccountId(deps, req.params.id);
        await unsuspendAccount(deps.db, { userId, now: deps.clock.now() });
        req.log.warn({ operator: admin.id, account: userId }, 'operator lifted a suspension');
        return reply.status(204).send();
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
          const op = userOf(req);
          await decideModerationCase(deps, {
            actor: { id: op.id, role: op.role as OperatorRole },
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
        await resolveAlert(deps.db, { alertId: req.params.id, now: deps.clock.now() });
        return reply.status(204).send();
      },
    );

    /** DELETE /api/admin/users/:id – erase an account (e.g. a reported child account), as self-deletion does (204). `:id` may be the account's e-mail. */
    app.delete(
      '/api/admin/users/:id',
      { config: operator('users.delete'), schema: { params: z.object({ id: text().min(1).max(254) }) } },
      async (req, reply) => {
        const admin = userOf(req);
        const userId = await findAccountId(deps, req.params.id);
        await eraseAccount(deps, { userId, by: 'operator' });
        req.log.warn({ operator: admin.id, account: userId }, 'operator erased an account');
        return reply.status(204).send();
      },
    );
  };
