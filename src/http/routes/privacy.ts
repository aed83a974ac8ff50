import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireReauthentication } from '../../accounts/index.js';
import {
  createPrivacyRequestSchema,
  dataExportSchema,
  deleteAccountSchema,
  legalDocumentSchema,
  policyStatusSchema,
  privacyRequestSchema,
} from '../../contracts/privacy.js';
import { AppError } from '../../lib/errors.js';
import {
  acknowledgePolicy,
  eraseAccount,
  exportDownloadKey,
  getExportOrThrow,
  type LegalSettings,
  listExports,
  listMyPrivacyRequests,
  type PrivacyContext,
  policyStatus,
  readLegalDocument,
  requestExport,
  submitPrivacyRequest,
  toExportView,
} from '../../privacy/index.js';
import { noStore, optionalUser, type RequireUser } from '../plugins/session.js';

const idParams = z.object({ id: z.uuid() });

export const privacyRoutes =
  (
    deps: PrivacyContext & { requireUser: RequireUser; legal: LegalSettings; publicFormLimit: (ip: string) => boolean },
  ): FastifyPluginAsyncZod =>
  async (app) => {
    const maybeUser = optionalUser(deps.requireUser);

    /** POST /api/me/exports – start an archive of everything we hold about you (202; one an hour). */
    app.post('/api/me/exports', { schema: { response: { 202: dataExportSchema } } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      return reply.status(202).send(await requestExport(deps, { userId: user.id }));
    });

    /** GET /api/me/exports – your recent exports. */
    app.get('/api/me/exports', { schema: { response: { 200: z.object({ exports: z.array(dataExportSchema) }) } } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      noStore(reply);
      return { exports: await listExports(deps, { userId: user.id }) };
    });

    /** GET /api/me/exports/:id – status, progress, download URL when ready. */
    app.get('/api/me/exports/:id', { schema: { params: idParams, response: { 200: dataExportSchema } } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      noStore(reply);
      return toExportView(await getExportOrThrow(deps, { userId: user.id, exportId: req.params.id }), deps.clock.now());
    });

    /** GET /api/me/exports/:id/download – the ZIP, owner only, until it expires. */
    app.get('/api/me/exports/:id/download', { schema: { params: idParams } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      const key = await exportDownloadKey(deps, { userId: user.id, exportId: req.params.id });
      const file = await deps.storage.get(key);
      if (!file) throw new AppError('not_found', 'That export was not found.');
      return reply
        .header('content-type', 'application/zip')
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename="animegen-export-${req.params.id.slice(0, 8)}.zip"`)
        .header('cache-control', 'no-store')
        .send(file.stream);
    });

    /** DELETE /api/me – erase the account after re-authentication (204). */
    app.delete('/api/me', { schema: { body: deleteAccountSchema.optional() } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      await requireReauthentication(deps, {
        userId: user.id,
        sessionId: user.sessionId,
        password: req.body?.password,
        now: deps.clock.now(),
      });
      await eraseAccount(deps, { userId: user.id, by: 'self' });
      return reply.status(204).send();
    });

    /** POST /api/privacy-requests – objection, access question, child report, other; signed in or not (201). */
    app.post(
      '/api/privacy-requests',
      { schema: { body: createPrivacyRequestSchema, response: { 201: privacyRequestSchema } } },
      async (req, reply) => {
        const user = await maybeUser(req);
        if (!user && !deps.publicFormLimit(req.ip))
          throw new AppError('rate_limited', 'Too many requests from this address. Please try again later.');
        const created = await submitPrivacyRequest(deps, { user: user ? { id: user.id, email: user.email } : null, request: req.body });
        return reply.status(201).send(created);
      },
    );

    /** GET /api/me/privacy-requests – your requests and their answers. */
    app.get(
      '/api/me/privacy-requests',
      { schema: { response: { 200: z.object({ requests: z.array(privacyRequestSchema) }) } } },
      async (req, reply) => {
        const user = await deps.requireUser(req);
        noStore(reply);
        return { requests: await listMyPrivacyRequests(deps, { userId: user.id }) };
      },
    );

    /** GET /api/legal/:slug – privacy policy, terms or cookie notice, with live processors on the policy. */
    app.get(
      '/api/legal/:slug',
      { schema: { params: z.object({ slug: z.enum(['privacy', 'terms', 'cookies']) }), response: { 200: legalDocumentSchema } } },
      async (req) => readLegalDocument(req.params.slug, deps.legal),
    );

    /** GET /api/me/policy – must you acknowledge a material policy change? */
    app.get('/api/me/policy', { schema: { response: { 200: policyStatusSchema } } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      noStore(reply);
      return policyStatus({ db: deps.db, legal: deps.legal }, { userId: user.id });
    });

    /** POST /api/me/policy/acknowledge – record that you read this version (204). */
    app.post(
      '/api/me/policy/acknowledge',
      { schema: { body: z.object({ version: z.string().min(1).max(40) }).strict() } },
      async (req, reply) => {
        const user = await deps.requireUser(req);
        const current = readLegalDocument('privacy', deps.legal);
        if (req.body.version !== current.version)
          throw new AppError('conflict', 'The policy changed again; please read the current version.');
        await acknowledgePolicy({ db: deps.db, now: deps.clock.now() }, { userId: user.id, version: current.version });
        return reply.status(204).send();
      },
    );
  };
