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
import { sessionOf, userOf } from '../plugins/access.js';

const idParams = z.object({ id: z.uuid() });
const user = { access: 'user', cache: 'no-store' } as const;

export const privacyRoutes =
  (deps: PrivacyContext & { legal: LegalSettings; publicFormLimit: (ip: string) => boolean }): FastifyPluginAsyncZod =>
  async (app) => {
    /** POST /api/me/exports – start an archive of everything we hold about you (202; one an hour). */
    app.post('/api/me/exports', { config: user, schema: { response: { 202: dataExportSchema } } }, async (req, reply) =>
      reply.status(202).send(await requestExport(deps, { userId: userOf(req).id })),
    );

    /** GET /api/me/exports – your recent exports. */
    app.get(
      '/api/me/exports',
      { config: user, schema: { response: { 200: z.object({ exports: z.array(dataExportSchema) }) } } },
      async (req) => ({
        exports: await listExports(deps, { userId: userOf(req).id }),
      }),
    );

    /** GET /api/me/exports/:id – status, progress, download URL when ready. */
    app.get('/api/me/exports/:id', { config: user, schema: { params: idParams, response: { 200: dataExportSchema } } }, async (req) =>
      toExportView(await getExportOrThrow(deps, { userId: userOf(req).id, exportId: req.params.id }), deps.clock.now()),
    );

    /** GET /api/me/exports/:id/download – the ZIP, owner only, until it expires. */
    app.get('/api/me/exports/:id/download', { config: user, schema: { params: idParams } }, async (req, reply) => {
      const key = await exportDownloadKey(deps, { userId: userOf(req).id, exportId: req.params.id });
      const file = await deps.storage.get(key);
      if (!file) throw new AppError('not_found', 'That export was not found.');
      return reply
        .header('content-type', 'application/zip')
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename="animegen-export-${req.params.id.slice(0, 8)}.zip"`)
        .send(file.stream);
    });

    /** DELETE /api/me – erase the account after re-authentication (204). */
    app.delete('/api/me', { config: user, schema: { body: deleteAccountSchema.optional() } }, async (req, reply) => {
      const { id } = userOf(req);
      const sessionId = sessionOf(req);
      await requireReauthentication(deps, {
        userId: id,
        sessionId,
        password: req.body?.password,
        now: deps.clock.now(),
      });
      await eraseAccount(deps, { userId: id, by: 'self' });
      return reply.status(204).send();
    });

    /** POST /api/privacy-requests – objection, access question, child report, other; signed in or not (201). */
    app.post(
      '/api/privacy-requests',
      {
        config: { access: 'guest-or-user', cache: 'no-store' },
        schema: { body: createPrivacyRequestSchema, response: { 201: privacyRequestSchema } },
      },
      async (req, reply) => {
        const { user } = req;
        if (!user && !deps.publicFormLimit(req.ip))
          throw new AppError('rate_limited', 'Too many requests from this address. Please try again later.');
        const created = await submitPrivacyRequest(deps, { user: user ? { id: user.id, email: user.email } : null, request: req.body });
        return reply.status(201).send(created);
      },
    );

    /** GET /api/me/privacy-requests – your requests and their answers. */
    app.get(
      '/api/me/privacy-requests',
      { config: user, schema: { response: { 200: z.object({ requests: z.array(privacyRequestSchema) }) } } },
      async (req) => ({ requests: await listMyPrivacyRequests(deps, { userId: userOf(req).id }) }),
    );

    /** GET /api/legal/:slug – privacy policy, terms or cookie notice, with live processors on the policy. */
    app.get(
      '/api/legal/:slug',
      {
        config: { access: 'public', cache: 'none' },
        schema: { params: z.object({ slug: z.enum(['privacy', 'terms', 'cookies']) }), response: { 200: legalDocumentSchema } },
      },
      async (req) => readLegalDocument(req.params.slug, deps.legal),
    );

    /** GET /api/me/policy – must you acknowledge a material policy change? */
    app.get('/api/me/policy', { config: user, schema: { response: { 200: policyStatusSchema } } }, async (req) =>
      policyStatus({ db: deps.db, legal: deps.legal }, { userId: userOf(req).id }),
    );

    /** POST /api/me/policy/acknowledge – record that you read this version (204). */
    app.post(
      '/api/me/policy/acknowledge',
      { config: user, schema: { body: z.object({ version: z.string().min(1).max(40) }).strict() } },
      async (req, reply) => {
        const current = readLegalDocument('privacy', deps.legal);
        if (req.body.version !== current.version)
          throw new AppError('conflict', 'The policy changed again; please read the current version.');
        await acknowledgePolicy({ db: deps.db, now: deps.clock.now() }, { userId: userOf(req).id, version: current.version });
        return reply.status(204).send();
      },
    );
  };
