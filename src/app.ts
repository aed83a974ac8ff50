import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { createApiKeyResolver, createSessionResolver } from './accounts/index.js';
import type { Deps } from './deps.js';
import { registerOpenApi } from './http/openapi.js';
import { registerAccess } from './http/plugins/access.js';
import { registerCompression } from './http/plugins/compression.js';
import { registerErrorHandler, registerNotFound } from './http/plugins/errors.js';
import { ProblemRequestLog, quietFastifyLogger } from './http/plugins/request-log.js';
import { registerSameOriginGuard } from './http/plugins/same-origin.js';
import { adminRoutes } from './http/routes/admin.js';
import { adminUserRoutes } from './http/routes/admin-users.js';
import { apiKeyRoutes } from './http/routes/api-keys.js';
import { authRoutes } from './http/routes/auth.js';
import { billingRoutes } from './http/routes/billing.js';
import { creditRoutes } from './http/routes/credits.js';
import { devMailRoutes } from './http/routes/dev-mail.js';
import { eventRoutes } from './http/routes/events.js';
import { fileRoutes } from './http/routes/files.js';
import { galleryRoutes } from './http/routes/gallery.js';
import { generationBulkRoutes } from './http/routes/generation-bulk.js';
import { generationRoutes } from './http/routes/generations.js';
import { healthRoutes } from './http/routes/health.js';
import { hookRoutes } from './http/routes/hooks.js';
import { meRoutes } from './http/routes/me.js';
import { metaRoutes } from './http/routes/meta.js';
import { metricsRoutes } from './http/routes/metrics.js';
import { presetRoutes } from './http/routes/presets.js';
import { privacyRoutes } from './http/routes/privacy.js';
import { promptHistoryRoutes } from './http/routes/prompt-history.js';
import { sessionRoutes } from './http/routes/sessions.js';
import { supportRoutes } from './http/routes/support.js';
import { tagRoutes } from './http/routes/tags.js';
import { uploadRoutes } from './http/routes/uploads.js';
import { registerWeb } from './http/routes/web.js';
import { webhookRoutes } from './http/routes/webhooks.js';
import { projectPath } from './lib/paths.js';

const webRoot = projectPath('dist/web');
/** The versioned API's own version, in its OpenAPI document (bumped when /api/v1 changes in a way clients see). */
const API_VERSION = '1.0.0';
/** The built-in sign-in providers' names, as their buttons say them (the OpenID Connect one is the operator's OIDC_NAME). */
const providerNames = { google: 'Google', discord: 'Discord', github: 'GitHub' } as const;

/** Builds the HTTP application from its dependencies; used by main.ts and by tests. */
export async function buildApp(
  deps: Deps,
  opts: { webRoot?: string; onRoute?: (route: RouteOptions) => void } = {},
): Promise<FastifyInstance> {
  const { config } = deps;
  // The readable console (LOG_FORMAT=pretty) shows failed and slow requests only; JSON logs show every one.
  const quiet = config.log.format === 'pretty';
  const log = deps.log as FastifyBaseLogger;
  const app = Fastify({
    loggerInstance: quiet ? quietFastifyLogger(log) : log,
    ...(quiet ? { logController: new ProblemRequestLog() } : {}),
    trustProxy: config.http.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  // Sees every route added below (tests list them, e.g. to prove each id-bearing route is covered).
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // Security headers, built once: @fastify/helmet rebuilt this middleware on every request
  // (~8% of the CPU of an authenticated API call, measured with the submit benchmark).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.auth.secureCookies ? [] : null,
      },
    },
    // HSTS only makes sense behind TLS.
    strictTransportSecurity: config.auth.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)));
  registerSameOriginGuard(app, config.http.publicUrl);
  await app.register(multipart, { limits: { fileSize: config.uploads.maxBytes, files: 1, fields: 5 } });

  // Every route declares its access and caching; these hooks enforce them (before any route is added).
  registerAccess(
    app,
    {
      resolveSession: createSessionResolver({ db: deps.db, secret: config.auth.secret.reveal(), secureCookies: config.auth.secureCookies }),
      resolveApiKey: createApiKeyResolver({ db: deps.db }),
      keyRateLimit: config.apiKeys.rateLimit,
    },
    deps.clock,
  );
  await registerCompression(app);
  await registerOpenApi(app, { version: API_VERSION });
  const meta = {
    demo: deps.provider.demo,
    minAge: config.auth.minAge,
    signupCredits: config.auth.signupCredits,
    devMail: deps.devMailbox !== null,
    maxUploadBytes: config.uploads.maxBytes,
    privacyContact: config.privacyContact,
    trashDays: config.retention.trashDays,
    signInProviders: config.auth.signInProviders.map((p) => ({ id: p.id, name: p.id === 'oidc' ? p.name : providerNames[p.id] })),
  };

  await app.register(healthRoutes(deps.db));
  await app.register(metricsRoutes, {
    db: deps.db,
    queue: deps.queue,
    metrics: deps.metrics,
    token: config.metricsToken?.reveal() ?? null,
  });
  await app.register(authRoutes, { auth: deps.auth, publicUrl: config.http.publicUrl, signupChallenges: deps.signupChallenges });
  await app.register(metaRoutes({ meta, catalog: config.models }));
  await app.register(meRoutes({ db: deps.db, clock: deps.clock, legal: deps.legal }));
  await app.register(apiKeyRoutes({ db: deps.db, clock: deps.clock }));
  await app.register(creditRoutes({ db: deps.db }));
  await app.register(billingRoutes(deps.billing));
  await app.register(sessionRoutes({ db: deps.db }));
  await app.register(privacyRoutes({ ...deps.privacy, legal: deps.legal, publicFormLimit: windowLimiter(5, 3_600_000) }));
  await app.register(adminRoutes(deps.privacy));
  await app.register(
    adminUserRoutes({
      ...deps.privacy,
      sendVerificationEmail: async (email) => {
        await deps.auth.api.sendVerificationEmail({ body: { email } });
      },
    }),
  );
  await app.register(supportRoutes(deps.support));
  await app.register(webhookRoutes(deps.webhooks));
  await app.register(generationRoutes(deps.generation));
  await app.register(generationBulkRoutes(deps.generation));
  await app.register(galleryRoutes(deps.generation));
  await app.register(presetRoutes({ db: deps.db, clock: deps.clock, builtIn: config.presets }));
  await app.register(promptHistoryRoutes({ db: deps.db }));
  if (deps.tags) await app.register(tagRoutes({ tags: deps.tags }));
  await app.register(uploadRoutes({ ...deps.generation, maxBytes: config.uploads.maxBytes }));
  await app.register(fileRoutes({ ...deps.generation, linkSecret: config.auth.secret.reveal() }));
  await app.register(hookRoutes(deps.generation));
  await app.register(eventRoutes, { ...deps.generation, hub: deps.hub });
  if (deps.devMailbox) await app.register(devMailRoutes({ mailbox: deps.devMailbox }));
  // Without the dev mailbox its page must not exist either (not even as the app's shell).
  const hidden = deps.devMailbox ? [] : ['/dev/mail'];
  registerNotFound(app, { spa: await registerWeb(app, opts.webRoot ?? webRoot, { demo: meta.demo }), hidden });
  return app;
}

/** A small in-process limit for the public privacy form: `max` per address per window. */
function windowLimiter(max: number, windowMs: number): (key: string) => boolean {
  const hits = new Map<string, number[]>();
  return (key) => {
    const now = Date.now();
    const recent = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= max) return false;
    recent.push(now);
    hits.set(key, recent);
    if (hits.size > 10_000) hits.clear();
    return true;
  };
}
