import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminSearchAccounts, findAccountId } from '../../accounts/index.js';
import {
  actorOf,
  adjustUserCredits,
  eraseUser,
  getStats,
  getUserOverview,
  listAudit,
  refundUserGeneration,
  resendVerification,
  revokeUserSessions,
  suspendUser,
  unsuspendUser,
  viewUserImages,
} from '../../admin/index.js';
import {
  adjustCreditsSchema,
  adminStatsSchema,
  adminUserImageSchema,
  adminUserRowSchema,
  adminUserSchema,
  creditAdjustmentSchema,
  operatorReasonSchema,
} from '../../contracts/admin.js';
import { auditActions, auditEntrySchema, type OperatorPermission } from '../../contracts/operators.js';
import { text } from '../../contracts/text.js';
import { AppError } from '../../lib/errors.js';
import type { PrivacyContext } from '../../privacy/index.js';
import { userOf } from '../plugins/access.js';

const operator = (permission: OperatorPermission) => ({ access: 'operator', cache: 'no-store', permission }) as const;
/** `:id` is the account's id or its e-mail address (a report names the address). */
const account = z.object({ id: text().min(1).max(254) });

export interface AdminUserDeps extends PrivacyContext {
  /** Better Auth's verification e-mail for an address (deps.ts). */
  sendVerificationEmail(email: string): Promise<void>;
}

/** The console's accounts: dashboard, search, one account and what operators may do to it. Every change is audited. */
export const adminUserRoutes =
  (deps: AdminUserDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const now = () => deps.clock.now();

    /** GET /api/admin/stats – the dashboard's figures. */
    app.get('/api/admin/stats', { config: operator('stats'), schema: { response: { 200: adminStatsSchema } } }, async () =>
      getStats(deps.db, now()),
    );

    /** GET /api/admin/users?q= – accounts by e-mail, name or id (at most 50, newest first). */
    app.get(
      '/api/admin/users',
      {
        config: operator('users.read'),
        schema: {
          querystring: z.object({ q: text().max(254).default('') }),
          response: { 200: z.object({ users: z.array(adminUserRowSchema) }) },
        },
      },
      async (req) => ({ users: await adminSearchAccounts(deps.db, req.query.q) }),
    );

    /** GET /api/admin/users/:id – one account: profile, status, balance and ledger, purchases, sessions, strikes, requests. */
    app.get(
      '/api/admin/users/:id',
      { config: operator('users.read'), schema: { params: account, response: { 200: adminUserSchema } } },
      async (req) => getUserOverview(deps.db, { userId: await findAccountId(deps, req.params.id), now: now() }),
    );

    /** POST /api/admin/users/:id/credits – add or take back credits with a reason; an Idempotency-Key makes it happen once. */
    app.post(
      '/api/admin/users/:id/credits',
      {
        config: operator('users.credits'),
        schema: {
          params: account,
          headers: z.object({ 'idempotency-key': text().min(8).max(255).optional() }),
          body: adjustCreditsSchema,
          response: { 200: creditAdjustmentSchema },
        },
      },
      async (req) => {
        const key = req.headers['idempotency-key'];
        if (!key)
          throw new AppError('invalid_input', 'An Idempotency-Key header (8 to 255 characters) is required.', { field: 'Idempotency-Key' });
        const userId = await findAccountId(deps, req.params.id);
        return adjustUserCredits(deps.db, { actor: actorOf(userOf(req)), userId, ...req.body, idempotencyKey: key, now: now() });
      },
    );

    /** POST /api/admin/generations/:id/refund – give back what a finished generation cost, with a reason (409 if already refunded). */
    app.post(
      '/api/admin/generations/:id/refund',
      {
        config: operator('users.credits'),
        schema: {
          params: z.object({ id: z.uuid() }),
          body: operatorReasonSchema,
          response: { 200: z.object({ refunded: z.number().int(), balance: z.number().int() }) },
        },
      },
      async (req) =>
        refundUserGeneration(deps.db, { actor: actorOf(userOf(req)), generationId: req.params.id, reason: req.body.reason, now: now() }),
    );

    /** POST /api/admin/users/:id/suspend – suspend with a reason: sessions end, sign-in is refused (204). */
    app.post(
      '/api/admin/users/:id/suspend',
      { config: operator('users.suspend'), schema: { params: account, body: operatorReasonSchema } },
      async (req, reply) => {
        const userId = await findAccountId(deps, req.params.id);
        await suspendUser(deps.db, { actor: actorOf(userOf(req)), userId, reason: req.body.reason, now: now() });
        return reply.status(204).send();
      },
    );

    /** POST /api/admin/users/:id/unsuspend – lift a suspension after review, with a reason (204). */
    app.post(
      '/api/admin/users/:id/unsuspend',
      { config: operator('users.suspend'), schema: { params: account, body: operatorReasonSchema } },
      async (req, reply) => {
        const userId = await findAccountId(deps, req.params.id);
        await unsuspendUser(deps.db, { actor: actorOf(userOf(req)), userId, reason: req.body.reason, now: now() });
        return reply.status(204).send();
      },
    );

    /** POST /api/admin/users/:id/sessions/revoke – sign the account out everywhere (200 { ended }). */
    app.post(
      '/api/admin/users/:id/sessions/revoke',
      {
        config: operator('users.sessions'),
        schema: { params: account, body: operatorReasonSchema, response: { 200: z.object({ ended: z.number().int() }) } },
      },
      async (req) => {
        const userId = await findAccountId(deps, req.params.id);
        return { ended: await revokeUserSessions(deps.db, { actor: actorOf(userOf(req)), userId, reason: req.body.reason, now: now() }) };
      },
    );

    /** POST /api/admin/users/:id/verification – re-send the verification e-mail (204; 409 when already verified). */
    app.post(
      '/api/admin/users/:id/verification',
      { config: operator('users.sessions'), schema: { params: account, body: operatorReasonSchema } },
      async (req, reply) => {
        const userId = await findAccountId(deps, req.params.id);
        await resendVerification(deps, { actor: actorOf(userOf(req)), userId, reason: req.body.reason, now: now() });
        return reply.status(204).send();
      },
    );

    /** POST /api/admin/users/:id/images – look at the account's newest images, with a reason; the look is audited. */
    app.post(
      '/api/admin/users/:id/images',
      {
        config: operator('users.images'),
        schema: { params: account, body: operatorReasonSchema, response: { 200: z.object({ images: z.array(adminUserImageSchema) }) } },
      },
      async (req) => {
        const userId = await findAccountId(deps, req.params.id);
        return { images: await viewUserImages(deps, { actor: actorOf(userOf(req)), userId, reason: req.body.reason, now: now() }) };
      },
    );

    /** DELETE /api/admin/users/:id – erase an account, as self-deletion does, with a reason (204). */
    app.delete(
      '/api/admin/users/:id',
      { config: operator('users.delete'), schema: { params: account, body: operatorReasonSchema } },
      async (req, reply) => {
        const userId = await findAccountId(deps, req.params.id);
        await eraseUser(deps, { actor: actorOf(userOf(req)), userId, reason: req.body.reason });
        return reply.status(204).send();
      },
    );

    /** GET /api/admin/audit?user=&action=&before= – what operators did, newest first (100 a page). */
    app.get(
      '/api/admin/audit',
      {
        config: operator('audit'),
        schema: {
          querystring: z.object({
            user: text().min(1).max(254).optional(),
            action: z.enum(auditActions).optional(),
            before: z.iso.datetime().optional(),
          }),
          response: { 200: z.object({ entries: z.array(auditEntrySchema) }) },
        },
      },
      async (req) => {
        const { user, action, before } = req.query;
        // An erased account is still named in the log by its id, so an id is taken as given.
        const targetUserId = user?.includes('@') ? await findAccountId(deps, user) : user;
        return { entries: await listAudit(deps.db, { targetUserId, action, before: before ? new Date(before) : undefined, limit: 100 }) };
      },
    );
  };
