import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type Auth,
  createAuth,
  createSignupChallenges,
  decideSignupGrant,
  isMatureAccount,
  OWASP_SCRYPT,
  type SignupChallenges,
  suspendAccount,
  TEST_SCRYPT,
} from './accounts/index.js';
import { createImageModerator, createImageProvider, createPaymentGateway, createStorage, legalSettings } from './adapters.js';
import { type AdminContext, adminQueues, raiseOperatorAlert } from './admin/index.js';
import { type BillingContext, billingQueues, type FulfilmentFaults } from './billing/index.js';
import type { Config } from './config.js';
import { grantCredits } from './credits/index.js';
import { type Database, migrate, openDatabase } from './db/index.js';
import {
  type GenerationContext,
  type GenerationSettings,
  generationQueues,
  listRecentPrompts,
  type RunPolicySettings,
} from './generation/index.js';
import { type ImageModerator, type KnownImageMatcher, noKnownImageMatcher } from './image-moderation/index.js';
import { createJobQueue, type JobQueue } from './jobs/queue.js';
import { type Clock, systemClock } from './lib/clock.js';
import type { QueueDefinition } from './lib/job.js';
import { createLimiter } from './lib/limiter.js';
import { createLogger, type Logger } from './lib/logger.js';
import { createMetrics, type Metrics } from './lib/metrics.js';
import { createLogMailer, createSmtpMailer, DevMailbox, type Mailer, renderMail } from './mail/index.js';
import { createPromptScreen } from './moderation/index.js';
import { acknowledgePolicy, type LegalSettings, type PrivacyContext, privacyQueues, readLegalDocument } from './privacy/index.js';
import { type ImageProvider, meteredProvider, type Simulator } from './providers/index.js';
import { createHintHub, createLiveHub, type LiveHub, notifyLiveBestEffort } from './pubsub/index.js';
import { createImageProcessor, type Storage } from './storage/index.js';
import { defaultSupportLimits, type SupportContext, supportQueues } from './support/index.js';
import { createTagSuggester, loadTagIndexOnce, RECENT_PROMPTS, type TagSuggester } from './tags/index.js';
import { creditsLowClauses, isListening, recordWebhookEvent, type WebhooksContext, webhookQueues } from './webhooks/index.js';

/** Everything routes and jobs need, built once from Config. */
export interface Deps {
  config: Config;
  database: Database;
  db: Database['db'];
  log: Logger;
  clock: Clock;
  queue: JobQueue;
  hub: LiveHub;
  auth: Auth;
  /** The sign-up proof-of-work (null when SIGNUP_CHALLENGE is off). */
  signupChallenges: SignupChallenges | null;
  mailer: Mailer;
  /** The in-memory dev mailbox: outside production, without SMTP_URL, on a server listening on loopback only. */
  devMailbox: DevMailbox | null;
  /** Where e-mail goes, for the start-up banner. */
  mailDelivery: 'smtp' | 'dev-mailbox' | 'log';
  provider: ImageProvider;
  simulator: Simulator | null;
  metrics: Metrics;
  generation: GenerationContext;
  billing: BillingContext;
  privacy: PrivacyContext;
  support: SupportContext;
  admin: AdminContext;
  webhooks: WebhooksContext;
  legal: LegalSettings;
  /** Tag suggestions for the prompt box: the in-memory index is built on web processes only (null on a worker). */
  tags: TagSuggester | null;
  close(): Promise<void>;
}

export interface DepsOverrides {
  database?: Database;
  log?: Logger;
  clock?: Clock;
  provider?: ImageProvider;
  generation?: Partial<GenerationSettings>;
  /** web: HTTP only; worker: jobs only; all: both (embedded). */
  role?: 'web' | 'worker' | 'all';
  pollingIntervalSeconds?: number;
  /** Tests: the built-in simulator signs its callbacks with this key. */
  simulatorWebhookKey?: string;
  /** Tests: throw around fulfilment's commit to prove retries apply once. */
  billingFaults?: FulfilmentFaults;
  /** Tests: a fake image check instead of the one config chooses. */
  imageModerator?: ImageModerator;
  /** Tests: a fake known-image hash list. */
  knownImages?: KnownImageMatcher;
}

const MAX_ATTEMPTS = 4;

/** Every module's queues; the run queue's policy follows the generation settings. */
export function allQueues(run: RunPolicySettings): QueueDefinition[] {
  return [...generationQueues(run), ...billingQueues(), ...privacyQueues, ...supportQueues, ...adminQueues(), ...webhookQueues];
}

/** Opens the database (migrating it) and builds the adapters chosen by config, then each module's context. */
export async function buildDeps(config: Config, o: DepsOverrides = {}): Promise<Deps> {
  const log = o.log ?? createLogger(config.log.level);
  const clock = o.clock ?? systemClock;
  const database = o.database ?? (await openDatabase(databaseTarget(config)));
  await migrate(database);
  const db = database.db;

  const { mailer, devMailbox, mailDelivery } = mailSetup(config, log);
  const metrics = createMetrics();
  const chosen = o.provider ? { provider: o.provider, simulator: null } : await createImageProvider(config, db, log, o.simulatorWebhookKey);
  const legal = legalSettings(config, chosen.provider);
  const provider = meteredProvider(chosen.provider, (labels, seconds) => metrics.providerLatency.observe(labels, seconds));
  const settings = generationSettings(config, provider, o.generation);

  const queue = await createJobQueue(
    database,
    log,
    allQueues({
      maxAttempts: settings.maxAttempts,
      retryDelaySeconds: settings.retryDelaySeconds,
      jobExpireSeconds: config.generation.jobExpireSeconds,
    }),
    {
      role: o.role ?? 'all',
      pollingIntervalSeconds: o.pollingIntervalSeconds ?? (database.kind === 'pglite' ? 0.5 : 1),
      maintenanceIntervalSeconds: config.queue.maintenanceSeconds,
      leaseSeconds: config.queue.leaseSeconds,
      // One process owns a PGlite database: what is active when it starts was left by a crash.
      exclusive: database.kind === 'pglite',
    },
  );
  const hub = await createLiveHub(database, log);
  const hints = await createHintHub(database);
  const storage = await createStorage(config, log);
  const shared = { db, log, clock, queue, storage };
  const policy = readLegalDocument('privacy', legal);
  const challenge = config.auth.signupChallenge;
  const signupChallenges = challenge
    ? createSignupChallenges({ db, secret: config.auth.secret.reveal(), maxNumber: challenge.maxNumber, now: () => clock.now() })
    : null;
  const shutdown = new AbortController();
  // Each polling generation listens for shutdown while it waits (up to the worker's concurrency, which may be
  // above Node's default of 10 listeners): not a leak, each wait removes its listener.
  setMaxListeners(0, shutdown.signal);
  const imageModerator = o.imageModerator ?? createImageModerator(config);
  const knownImages = o.knownImages ?? noKnownImageMatcher;
  const webhooks: WebhooksContext = { db, clock, log, queue, mailer, publicUrl: config.http.publicUrl, settings: config.webhooks };
  const generation = generationContext(config, {
    ...shared,
    provider,
    settings,
    metrics,
    hints,
    shutdown: shutdown.signal,
    imageModerator,
    knownImages,
    // The generation module knows only its GenerationEvents port; the webhooks module records the events.
    events: {
      isListening,
      record: (tx, event) => recordWebhookEvent(webhooks, tx, event).then(() => {}),
      debitClauses: (input) => creditsLowClauses(webhooks, input),
    },
  });

  return {
    config,
    database,
    db,
    log,
    clock,
    queue,
    hub,
    signupChallenges,
    auth: accountsAuth(config, { db, log, mailer, clock, policyVersion: policy.version, signupChallenges }),
    mailer,
    devMailbox,
    mailDelivery,
    provider,
    simulator: chosen.simulator,
    metrics,
    generation,
    billing: await billingContext(config, { db, log, clock }, o.billingFaults),
    privacy: privacyContext(config, { ...shared, mailer, policy }),
    support: { db, clock, queue, mailer, log, publicUrl: config.http.publicUrl, limits: defaultSupportLimits },
    admin: { db, clock, log },
    webhooks,
    legal,
    tags: o.role === 'worker' ? null : tagSuggester(config, db),
    close: async () => {
      shutdown.abort();
      await queue
        .stop({ graceful: true, timeoutMs: config.queue.shutdownGraceSeconds * 1000 })
        .catch((err) => log.warn({ err }, 'job queue did not stop cleanly'));
      await hub.close().catch(() => {});
      await hints.close().catch(() => {});
      await chosen.simulator?.close();
      await imageModerator.close?.().catch(() => {});
      await database.close();
    },
  };
}

/**
 * Tag suggestions ranked with the user's recent prompts. The index (about a
 * second to build, once per process) is built by `warm()`, which the server
 * calls at start-up; tests that never ask for a suggestion never pay for it.
 */
function tagSuggester(config: Config, db: Database['db']): TagSuggester {
  return createTagSuggester({
    loadIndex: () => loadTagIndexOnce({ includeArtists: config.tags.suggestArtists }),
    recentPrompts: (userId) => listRecentPrompts(db, { userId, limit: RECENT_PROMPTS }),
  });
}

/**
 * SMTP when configured (and always in production); otherwise the dev mailbox
 * page, but only on a server nobody else can reach: it shows every user's
 * mail, reset links included. Reachable from elsewhere, e-mail goes to the log.
 */
function mailSetup(config: Config, log: Logger): { mailer: Mailer; devMailbox: DevMailbox | null; mailDelivery: Deps['mailDelivery'] } {
  if (config.mail.smtpUrl || config.production) {
    return {
      mailer: createSmtpMailer(config.mail.smtpUrl ?? 'smtp://localhost:25', config.mail.from),
      devMailbox: null,
      mailDelivery: 'smtp',
    };
  }
  const logLinks = config.env === 'development';
  if (!config.http.loopback) return { mailer: createLogMailer(log, logLinks), devMailbox: null, mailDelivery: 'log' };
  const devMailbox = new DevMailbox(log, logLinks);
  return { mailer: devMailbox, devMailbox, mailDelivery: 'dev-mailbox' };
}

/**
 * What this server runs with, in words, for the start-up banner and its log
 * line. Addresses only: never a password, a user name or a key.
 */
export function describeSetup(config: Config, deps: Pick<Deps, 'mailDelivery'>) {
  const p = config.provider;
  const images =
    p.kind === 'kie'
      ? `KIE (${new URL(p.baseUrl).host})`
      : p.kind === 'a1111'
        ? `AUTOMATIC1111 at ${new URL(p.baseUrl).origin}`
        : p.kind === 'comfyui'
          ? `ComfyUI at ${new URL(p.baseUrl).origin}`
          : 'demo images from the built-in KIE simulator (set KIE_API_KEY for real ones)';
  let database = `embedded PGlite in ${resolve(config.dataDir, 'db')}`;
  if (config.database.kind === 'postgres') {
    const url = new URL(config.database.url);
    database = `PostgreSQL ${url.host || 'on the local socket'}${url.pathname}`;
  }
  const mail = {
    smtp: `SMTP via ${new URL(config.mail.smtpUrl ?? 'smtp://localhost:25').host}`,
    'dev-mailbox': `the dev mailbox at ${config.http.publicUrl}/dev/mail`,
    log: 'this log only',
  }[deps.mailDelivery];
  const m = config.imageModeration;
  const imageChecks =
    m.kind === 'off'
      ? 'OFF: results and uploads are shown unchecked (IMAGE_MODERATION=off)'
      : m.kind === 'openai'
        ? `OpenAI moderation at ${new URL(m.baseUrl).host}`
        : 'local classifier (NSFWJS, WebAssembly)';
  return { url: config.http.publicUrl, images, database, mail, imageChecks };
}

export const databaseTarget = (config: Config) =>
  config.database.kind === 'postgres'
    ? { kind: 'postgres' as const, url: config.database.url }
    : { kind: 'pglite' as const, dataDir: config.dataDir };

interface Shared {
  db: Database['db'];
  log: Logger;
  clock: Clock;
  queue: JobQueue;
  storage: Storage;
}

function generationSettings(config: Config, provider: ImageProvider, overrides: Partial<GenerationSettings> = {}): GenerationSettings {
  const secret = config.auth.secret.reveal();
  return {
    deadlineSeconds: config.generation.deadlineSeconds,
    maxReferences: config.uploads.maxPerGeneration,
    callbackBaseUrl: config.http.publiclyReachable ? config.http.publicUrl : null,
    callbackSecret: secret,
    referenceLinks: config.uploads.delivery === 'signed-url' ? { baseUrl: config.http.publicUrl, secret, ttlSeconds: 3600 } : null,
    poll: provider.demo ? { initialMs: 400, maxMs: 5000 } : { initialMs: 2500, maxMs: 15_000 },
    maxAttempts: MAX_ATTEMPTS,
    retryDelaySeconds: 2,
    trashDays: config.retention.trashDays,
    ...overrides,
  };
}

function generationContext(
  config: Config,
  d: Shared &
    Pick<GenerationContext, 'provider' | 'settings' | 'hints' | 'shutdown' | 'imageModerator' | 'knownImages' | 'events'> & {
      metrics: Metrics;
    },
): GenerationContext {
  const { metrics, db, log, clock } = d;
  return {
    ...d,
    images: createImageProcessor({ maxBytes: config.uploads.maxBytes, maxPixels: config.uploads.maxPixels }),
    // Two per core keeps sharp busy while a download is in flight, without hundreds of images in memory.
    ingestion: createLimiter(2 * availableParallelism()),
    catalog: config.models,
    modelNames: new Map(config.models.map((m) => [m.id, m.name])),
    matureOf: (userId) => isMatureAccount(db, userId),
    screenPrompt: createPromptScreen({
      db,
      clock,
      // Sexual content with minors is refused for everyone, and the account waits for an operator;
      // so does an account whose refusals reach the strike limit.
      onRefused: async (tx, refused) => {
        const minors = refused.category === 'minor_sexual';
        if (!minors && refused.strikes < config.moderation.strikeLimit) return false;
        const reason = minors ? 'content policy: minor_sexual' : `content policy: ${refused.strikes} refusals in 30 days`;
        const suspended = await suspendAccount(tx, { userId: refused.userId, reason, now: clock.now() });
        log.warn({ account: refused.userId, category: refused.category, strikes: refused.strikes }, 'account suspended pending review');
        return suspended;
      },
    }),
    metrics: {
      finished: (provider, status) => metrics.finished.inc({ provider, status }),
      ingestionSeconds: (seconds) => metrics.ingestion.observe(seconds),
      providerAlert: async (provider, code) => {
        metrics.providerAlerts.inc({ provider, code });
        await raiseOperatorAlert(db, { kind: 'provider_account', source: provider, code, now: clock.now() }).catch((err) =>
          log.error({ err }, 'operator alert not recorded'),
        );
      },
    },
  };
}

/** Better Auth, with the e-mails it sends, the sign-in providers, and what happens when an account is created and verified. */
function accountsAuth(
  config: Config,
  d: { db: Database['db']; log: Logger; mailer: Mailer; clock: Clock; policyVersion: string; signupChallenges: SignupChallenges | null },
): Auth {
  const { db, log, mailer } = d;
  return createAuth({
    db,
    secret: config.auth.secret.reveal(),
    publicUrl: config.http.publicUrl,
    minAge: config.auth.minAge,
    rateLimit: config.auth.rateLimit,
    signupChallenges: d.signupChallenges,
    appealContact: config.privacyContact,
    secureCookies: config.auth.secureCookies,
    passwordCost: config.auth.passwordHash === 'test-fast' ? TEST_SCRYPT : OWASP_SCRYPT,
    log,
    sendVerificationEmail: (m) => mailer.send(renderMail('verify', m.to, m.locale, m)),
    sendResetPasswordEmail: (m) => mailer.send(renderMail('reset', m.to, m.locale, m)),
    // Signing up accepts the policy in force: a later material change asks again, an older one never does.
    onSignupConsent: (userId) => acknowledgePolicy({ db, now: d.clock.now() }, { userId, version: d.policyVersion }),
    signInProviders: config.auth.signInProviders.map((p) => ({ ...p, clientSecret: p.clientSecret.reveal() })),
    onEmailVerified: async (userId) => {
      const amount = config.auth.signupCredits;
      if (amount <= 0) return;
      const rules = { secret: config.auth.secret.reveal(), perNetworkPerDay: config.auth.signupGrantsPerNetworkPerDay };
      let applied = false;
      // The decision and the ledger's grant commit together (the grant is keyed by the user id, so at most once).
      await decideSignupGrant(db, { userId, now: d.clock.now(), rules }, async (tx) => {
        ({ applied } = await grantCredits(tx, { userId, amount, kind: 'signup_grant', reference: userId }));
      });
      if (applied) await notifyLiveBestEffort(db, log, { userId, kind: 'credits' });
    },
  });
}

async function billingContext(
  config: Config,
  d: Pick<Shared, 'db' | 'log' | 'clock'>,
  faults: FulfilmentFaults | undefined,
): Promise<BillingContext> {
  return {
    ...d,
    gateway: await createPaymentGateway(config),
    packs: config.billing.packs,
    publicUrl: config.http.publicUrl,
    checkoutLimitPerHour: config.billing.checkoutLimitPerHour,
    creditsChanged: (userId) => void notifyLiveBestEffort(d.db, d.log, { userId, kind: 'credits' }),
    faults,
  };
}

function privacyContext(config: Config, d: Shared & { mailer: Mailer; policy: { version: string; material: boolean } }): PrivacyContext {
  const { policy } = d;
  return {
    db: d.db,
    storage: d.storage,
    queue: d.queue,
    clock: d.clock,
    log: d.log,
    mailer: d.mailer,
    settings: {
      scratchDir: join(config.dataDir, 'tmp'),
      exportDays: 7,
      logDays: config.retention.logDays,
      ledgerDays: config.retention.ledgerDays,
      publicUrl: config.http.publicUrl,
      policyNotice: policy.material && config.legal.notifyByEmail ? { version: policy.version } : null,
    },
  };
}
