/**
 * The outside services chosen by configuration, for deps.ts: the image
 * provider (KIE, AUTOMATIC1111, ComfyUI or the built-in simulator), storage, the
 * payment gateway, and the processors the privacy page names for them.
 * SDKs used by only some installs are loaded only then.
 */
import type { PaymentGateway } from './billing/index.js';
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import { createLocalImageModerator, createOpenAiImageModerator, type ImageModerator, offImageModerator } from './image-moderation/index.js';
import type { Logger } from './lib/logger.js';
import type { LegalSettings } from './privacy/index.js';
import { createProvider, createSharedRateLimiter, type ImageProvider, type Simulator, startSimulator } from './providers/index.js';
import { createLocalStorage, type Storage } from './storage/index.js';

const signInProviderNames = { google: 'Google (sign-in)', discord: 'Discord (sign-in)', github: 'GitHub (sign-in)' } as const;

/** The processors named on the privacy page, from the live configuration. */
export function legalSettings(config: Config, provider: ImageProvider): LegalSettings {
  const r = config.legal.regions;
  const processors = [
    {
      name: 'Hosting and database (operator)',
      purpose: 'runs AnimeGen and stores accounts, generations and the ledger',
      region: r.hosting,
    },
  ];
  if (config.storage.kind === 's3')
    processors.push({ name: 'Object storage (S3-compatible)', purpose: 'stores images and uploads', region: r.storage });
  if (!provider.demo) {
    const name =
      provider.name === 'kie' ? 'KIE (kie.ai)' : `Self-hosted image server (${provider.name === 'comfyui' ? 'ComfyUI' : 'AUTOMATIC1111'})`;
    processors.push({ name, purpose: 'generates images from prompts and reference images; receives no account data', region: r.provider });
  }
  if (config.billing.stripe)
    processors.push({ name: 'Stripe', purpose: 'takes payments for credit packs; receives an anonymous reference', region: r.payments });
  if (config.imageModeration.kind === 'openai')
    processors.push({
      name: 'OpenAI (moderation)',
      purpose: 'checks result images and reference uploads; receives no account data',
      region: 'USA',
    });
  if (config.mail.smtpUrl)
    processors.push({ name: 'E-mail delivery (SMTP)', purpose: 'sends verification, reset and receipt e-mails', region: r.email });
  // A sign-in provider hears from us only when a person chooses it; it tells us their address and name.
  const signIn = 'confirms who you are when you choose to sign in with it, and sends us your e-mail address and name';
  for (const p of config.auth.signInProviders) {
    const name = p.id === 'oidc' ? `${p.name ?? 'Single sign-on'} (${new URL(p.issuer).host})` : signInProviderNames[p.id];
    processors.push({ name, purpose: signIn, region: p.id === 'oidc' ? 'where its operator runs it' : 'USA' });
  }
  return {
    contact: config.privacyContact,
    processors,
    policyVersion: config.legal.policyVersion,
    policyMaterial: config.legal.policyMaterial,
  };
}

/** The image check config chooses: the local classifier (default), OpenAI's moderation endpoint, or none (explicitly). */
export function createImageModerator(config: Config): ImageModerator {
  const m = config.imageModeration;
  if (m.kind === 'off') return offImageModerator;
  if (m.kind === 'openai') return createOpenAiImageModerator(m);
  return createLocalImageModerator({ thresholds: m.thresholds, timeoutMs: m.timeoutMs });
}

/** Stripe when configured; the SDK is loaded only then (it adds ~200 ms to start-up). */
export async function createPaymentGateway(config: Config): Promise<PaymentGateway | null> {
  const stripe = config.billing.stripe;
  if (!stripe) return null;
  const { createStripeGateway } = await import('./billing/stripe-gateway.js');
  return createStripeGateway({
    secretKey: stripe.secretKey.reveal(),
    webhookSecret: stripe.webhookSecret.reveal(),
    apiBase: stripe.apiBase,
  });
}

export async function createStorage(config: Config, log: Logger): Promise<Storage> {
  const s = config.storage;
  if (s.kind === 'local') return createLocalStorage(s.path);
  // Loaded only when used: the AWS SDK adds ~280 ms to start-up.
  const { createS3Storage } = await import('./storage/s3.js');
  return createS3Storage({
    bucket: s.bucket,
    prefix: s.prefix,
    endpoint: s.endpoint,
    region: s.region,
    accessKeyId: s.accessKeyId,
    secretAccessKey: s.secretAccessKey?.reveal(),
    forcePathStyle: s.forcePathStyle,
    log,
  });
}

/**
 * KIE accepts 20 new tasks per 10 s per account and drops the rest; every
 * worker process shares one window through the database. The window is 12 s:
 * the extra 2 s cover the gap between recording a send and the request
 * arriving (measured up to ~0.7 s on a busy embedded process, plus network).
 */
const kieRateLimiter = (db: Database['db']) => createSharedRateLimiter(db, { bucket: 'kie', limit: 20, windowMs: 12_000 });

/** The provider config names; with the built-in simulator, the simulator too (started on a loopback port). */
export async function createImageProvider(
  config: Config,
  db: Database['db'],
  log: Logger,
  simulatorWebhookKey?: string,
): Promise<{ provider: ImageProvider; simulator: Simulator | null }> {
  if (config.provider.kind === 'kie') {
    return { provider: createProvider(config.provider, { log, rateLimiter: kieRateLimiter(db) }), simulator: null };
  }
  if (config.provider.kind === 'a1111') return { provider: createProvider(config.provider, { log }), simulator: null };
  if (config.provider.kind === 'comfyui') {
    // The catalog's checkpoints are checked against the server once, as warnings (it may come up later).
    const expectedCheckpoints = config.models.filter((m) => m.enabled).map((m) => m.providerModel);
    return { provider: createProvider({ ...config.provider, expectedCheckpoints }, { log }), simulator: null };
  }
  const apiKey = 'simulator-key';
  const simulator = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    delayMs: config.provider.delayMs,
    apiKey,
    log,
    webhookHmacKey: simulatorWebhookKey,
  });
  if (config.provider.behaviour) simulator.setBehaviour(config.provider.behaviour);
  const provider = createProvider(
    { kind: 'simulator-url', url: simulator.url, apiKey, webhookHmacKey: simulatorWebhookKey },
    { log, rateLimiter: kieRateLimiter(db) },
  );
  return { provider, simulator };
}
