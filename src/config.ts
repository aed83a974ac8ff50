import { z } from 'zod';
import { parseCreditPacks } from './billing/index.js';
import type { SignInProviderId } from './contracts/api.js';
import type { ImageTool } from './contracts/tools.js';
import { defaultA1111Models, defaultComfyModels, defaultModels, parseModels } from './generation/index.js';
import { Secret } from './lib/secret.js';
import { parsePresets } from './prompts/index.js';
import { checkCatalogEntry, comfyToolsOf, loadComfyWorkflows, parseBehaviourPatch, toolsOfProvider } from './providers/index.js';
import { parseStorageUrl } from './storage/index.js';

/**
 * The only reader of process.env. Parses the environment once at boot into one
 * typed Config; a bad variable stops start-up with a message naming it.
 * Secrets are wrapped in Secret so they print as [redacted] in logs and errors.
 */

const secret = z
  .string()
  .min(1)
  .transform((v) => new Secret(v));
const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max).default(def);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  AUTH_SECRET: secret.optional(),
  PROVIDER: z.enum(['kie', 'a1111', 'comfyui']).optional(),
  KIE_API_KEY: secret.optional(),
  A1111_URL: z.url().optional(),
  A1111_USERNAME: z.string().optional(),
  A1111_PASSWORD: secret.optional(),
  A1111_CHECKPOINT: z.string().optional(),
  A1111_UPSCALER: z.string().min(1).optional(),
  A1111_TIMEOUT_SECONDS: int(600, 10, 3600),
  A1111_CONCURRENCY: int(1, 1, 8),
  COMFYUI_URL: z.url().optional(),
  /** Sent as a Bearer token, for the authenticating proxy in front of ComfyUI (ComfyUI itself has no auth). */
  COMFYUI_TOKEN: secret.optional(),
  /** A folder with the operator's txt2img.json (and img2img.json) in API format; unset uses the shipped templates. */
  COMFYUI_WORKFLOWS_DIR: z.string().optional(),
  COMFYUI_CHECKPOINT: z.string().optional(),
  /** Image area in SDXL megapixels: 1 gives 1024×1024, 832×1216 and the other SDXL sizes. */
  COMFYUI_MEGAPIXELS: z.coerce.number().min(0.0625).max(4).default(1),
  STORAGE_URL: z.string().optional(),
  /** upload: references go through the provider's file API; signed-url: the provider fetches them from us. */
  REFERENCE_DELIVERY: z.enum(['upload', 'signed-url']).default('upload'),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: secret.optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  KIE_BASE_URL: z.url().default('https://api.kie.ai'),
  KIE_UPLOAD_BASE_URL: z.url().default('https://kieai.redpandaai.co'),
  KIE_RESULT_HOSTS: z.string().optional(),
  KIE_WEBHOOK_HMAC_KEY: secret.optional(),
  METRICS_TOKEN: secret.optional(),
  STRIPE_SECRET_KEY: secret.optional(),
  STRIPE_WEBHOOK_SECRET: secret.optional(),
  /** A Stripe-compatible API (a local fake in tests and trials) instead of api.stripe.com. */
  STRIPE_API_BASE: z.url().optional(),
  CREDIT_PACKS_JSON: z.string().optional(),
  CHECKOUT_LIMIT_PER_HOUR: int(10, 1, 10_000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('AnimeGen <no-reply@animegen.local>'),
  SIGNUP_CREDITS: int(20, 0, 1_000_000),
  /** Refused prompts (not dismissed by an operator) within 30 days that suspend an account pending review. */
  MODERATION_STRIKE_LIMIT: int(5, 1, 1000),
  /** Free sign-up grants per network (IPv4 /24, IPv6 /64) in any 24 hours; 0: no cap. */
  SIGNUP_GRANTS_PER_NETWORK_PER_DAY: int(3, 0, 1_000_000),
  /** A proof-of-work the browser solves before sign-up (ALTCHA, self-hosted), against scripted sign-ups; off by default. */
  SIGNUP_CHALLENGE: z.enum(['off', 'altcha']).default('off'),
  /** The challenge's work: the browser tries on average half this many SHA-256 hashes (50,000: about a second on a phone). */
  SIGNUP_CHALLENGE_MAX_NUMBER: int(50_000, 1_000, 10_000_000),
  MIN_AGE: int(16, 13, 21),
  MODELS_JSON: z.string().optional(),
  /** JSON: quality tags and undesired-content texts per model family, and the styles, over the built-in ones. */
  PRESETS_JSON: z.string().optional(),
  UPLOAD_MAX_BYTES: int(10 * 1024 * 1024, 1024),
  UPLOAD_MAX_PIXELS: int(40_000_000, 1),
  GENERATION_DEADLINE_SECONDS: int(15 * 60, 10),
  TRASH_DAYS: int(7, 0, 365),
  /** Publish a privacy-policy version (and whether the change is material) without editing content/legal. */
  LEGAL_POLICY_VERSION: z.string().max(40).optional(),
  LEGAL_POLICY_MATERIAL: bool.optional(),
  /** E-mail verified accounts once about a material policy change they have not acknowledged yet. */
  LEGAL_POLICY_NOTIFY: bool.default(false),
  /** JSON: where processing happens, e.g. {"hosting":"EU (Frankfurt)","provider":"USA"}; shown on the privacy page. */
  PROCESSOR_REGIONS: z.string().optional(),
  LOG_RETENTION_DAYS: int(30, 1, 3650),
  LEDGER_RETENTION_DAYS: int(3650, 1, 36500),
  WORKER_CONCURRENCY: int(4, 1, 64),
  /** How long a job may run before the queue presumes its worker dead and retries it. */
  JOB_EXPIRE_SECONDS: int(0, 0, 86_400),
  QUEUE_MAINTENANCE_SECONDS: int(30, 1, 600),
  /** A running job's worker renews its lease every third of this; a job not renewed for this long is taken over. */
  JOB_LEASE_SECONDS: int(30, 3, 3600),
  SHUTDOWN_GRACE_SECONDS: int(30, 0, 3600),
  SIMULATOR_DELAY_MS: int(1500, 0, 600_000),
  SIMULATOR_BEHAVIOUR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** pretty: short human lines, requests only when they fail or are slow; json: one JSON line per event and request. */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /** Any value turns colours off in the pretty console (https://no-color.org). */
  NO_COLOR: z.string().optional(),
  TRUST_PROXY: bool.default(false),
  PRIVACY_CONTACT: z.email().default('privacy@animegen.local'),
  /** Suggest artist tags in the prompt box (they name real people): off unless the operator turns them on. */
  TAG_SUGGEST_ARTISTS: bool.default(false),
  /** How images are checked before anyone sees them: local (NSFWJS, no service), openai (its moderation endpoint) or off (unchecked; start-up warns). */
  IMAGE_MODERATION: z.enum(['local', 'openai', 'off']).default('local'),
  /** Local classifier: Porn + Hentai at or above this is explicit (held for accounts without the mature opt-in). */
  IMAGE_MODERATION_EXPLICIT: z.coerce.number().min(0.05).max(1).default(0.5),
  /** Local classifier: Sexy at or above this is suggestive (shown). */
  IMAGE_MODERATION_SUGGESTIVE: z.coerce.number().min(0.05).max(1).default(0.5),
  /** Local classifier: an upload is photographic unless Drawing + Hentai reach this. */
  IMAGE_MODERATION_DRAWN: z.coerce.number().min(0).max(1).default(0.25),
  /** An image check slower than this holds the image for review (fail closed). */
  IMAGE_MODERATION_TIMEOUT_SECONDS: int(30, 1, 600),
  OPENAI_API_KEY: secret.optional(),
  /** OpenAI's API, or a compatible one (a local fake in tests). */
  OPENAI_BASE_URL: z.url().default('https://api.openai.com/v1'),
  OPENAI_MODERATION_MODEL: z.string().min(1).default('omni-moderation-latest'),
  /** Test suites only: a cheap password hash so hundreds of sign-ups stay fast. Refused outside NODE_ENV=test. */
  AUTH_TEST_FAST_HASH: bool.default(false),
  /** Development only (refused in production): webhooks may go to plain http and to loopback or private addresses. */
  WEBHOOK_ALLOW_INSECURE: bool.default(false),
  /** Seconds one webhook attempt may take (connect, send, the answer's status). */
  WEBHOOK_TIMEOUT_SECONDS: int(10, 1, 60),
  /** credits.low fires when a generation's debit takes the balance from at least this to below it; 0: never. */
  CREDITS_LOW_THRESHOLD: int(10, 0, 1_000_000),
  /** Rate limits on sign-in, sign-up, reset and verification (on unless a test turns them off). */
  AUTH_RATE_LIMIT: bool.default(true),
  /** Requests one API key may make per API_KEY_RATE_WINDOW_SECONDS (counted per process). */
  API_KEY_RATE_LIMIT: int(120, 1, 100_000),
  API_KEY_RATE_WINDOW_SECONDS: int(60, 1, 3600),
  /** Sign-in with Google, Discord or GitHub: each when its client id and secret are both set. */
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: secret.optional(),
  DISCORD_CLIENT_ID: z.string().min(1).optional(),
  DISCORD_CLIENT_SECRET: secret.optional(),
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: secret.optional(),
  /** Sign-in with any OpenID Connect issuer (Keycloak, Authentik, Zitadel…), found through its discovery document. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: secret.optional(),
  /** The label of its sign-in button, e.g. "Company account"; unset: the UI's own words for single sign-on. */
  OIDC_NAME: z.string().trim().min(1).max(40).optional(),
});

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Parses the environment; throws ConfigError naming every bad variable.
 * `terminal`: whether standard output is a terminal (a person reading), which
 * makes LOG_FORMAT=auto choose the readable console outside production.
 */
export function loadConfig(env: Env = process.env, terminal = false) {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const port = e.PORT;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const production = e.NODE_ENV === 'production';
  // Providers can call us back only at a public HTTPS address.
  const publicHost = new URL(publicUrl).hostname;
  // Only a server that listens on this machine alone may show the dev mailbox (it holds everyone's reset links).
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/.test(e.HOST);
  const publiclyReachable =
    publicUrl.startsWith('https://') && !/^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?$)/.test(publicHost);
  if (production && !e.AUTH_SECRET) throw new ConfigError(['AUTH_SECRET: required when NODE_ENV=production']);
  if (e.AUTH_TEST_FAST_HASH && e.NODE_ENV !== 'test') throw new ConfigError(['AUTH_TEST_FAST_HASH: only allowed when NODE_ENV=test']);
  if (production && e.WEBHOOK_ALLOW_INSECURE) {
    throw new ConfigError(['WEBHOOK_ALLOW_INSECURE: refused when NODE_ENV=production (it lets users reach private addresses)']);
  }
  const provider = providerConfig(e);
  if (e.REFERENCE_DELIVERY === 'signed-url' && !publiclyReachable) {
    throw new ConfigError(['REFERENCE_DELIVERY: signed-url needs PUBLIC_URL to be a public https:// address the provider can reach']);
  }
  return {
    env: e.NODE_ENV,
    production,
    http: { port, host: e.HOST, loopback, publicUrl, publiclyReachable, trustProxy: e.TRUST_PROXY },
    apiKeys: { rateLimit: { max: e.API_KEY_RATE_LIMIT, windowMs: e.API_KEY_RATE_WINDOW_SECONDS * 1000 } },
    dataDir: e.DATA_DIR,
    database: e.DATABASE_URL ? { kind: 'postgres' as const, url: e.DATABASE_URL } : { kind: 'pglite' as const },
    auth: {
      // Outside production a fixed development secret keeps sessions across restarts.
      secret: e.AUTH_SECRET ?? new Secret('animegen-development-secret-not-for-production'),
      minAge: e.MIN_AGE,
      signupCredits: e.SIGNUP_CREDITS,
      signupGrantsPerNetworkPerDay: e.SIGNUP_GRANTS_PER_NETWORK_PER_DAY,
      signupChallenge: e.SIGNUP_CHALLENGE === 'altcha' ? { maxNumber: e.SIGNUP_CHALLENGE_MAX_NUMBER } : null,
      passwordHash: e.AUTH_TEST_FAST_HASH ? ('test-fast' as const) : ('owasp' as const),
      rateLimit: e.AUTH_RATE_LIMIT,
      // Browsers drop Secure cookies on plain http://localhost, so only behind TLS.
      secureCookies: publicUrl.startsWith('https://'),
      signInProviders: signInProviders(e),
    },
    provider,
    storage: storageConfig(e),
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    models: models(e.MODELS_JSON, provider.kind, toolsOf(e, provider.kind)),
    presets: presets(e.PRESETS_JSON),
    uploads: { maxBytes: e.UPLOAD_MAX_BYTES, maxPixels: e.UPLOAD_MAX_PIXELS, maxPerGeneration: 4, delivery: e.REFERENCE_DELIVERY },
    legal: {
      policyVersion: e.LEGAL_POLICY_VERSION,
      policyMaterial: e.LEGAL_POLICY_MATERIAL,
      notifyByEmail: e.LEGAL_POLICY_NOTIFY,
      regions: parseRegions(e.PROCESSOR_REGIONS),
    },
    retention: { trashDays: e.TRASH_DAYS, logDays: e.LOG_RETENTION_DAYS, ledgerDays: e.LEDGER_RETENTION_DAYS },
    generation: {
      deadlineSeconds: e.GENERATION_DEADLINE_SECONDS,
      concurrency: e.WORKER_CONCURRENCY,
      // Longer than a generation may take, so a live job is never presumed dead.
      jobExpireSeconds: e.JOB_EXPIRE_SECONDS || e.GENERATION_DEADLINE_SECONDS + 60,
    },
    queue: {
      maintenanceSeconds: e.QUEUE_MAINTENANCE_SECONDS,
      shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
      leaseSeconds: e.JOB_LEASE_SECONDS,
    },
    log: {
      level: e.LOG_LEVEL,
      // Operators' log collectors read JSON: production and anything not a terminal keep it.
      format: e.LOG_FORMAT === 'auto' ? (terminal && !production ? ('pretty' as const) : ('json' as const)) : e.LOG_FORMAT,
      colors: terminal && !e.NO_COLOR,
    },
    privacyContact: e.PRIVACY_CONTACT,
    moderation: { strikeLimit: e.MODERATION_STRIKE_LIMIT },
    tags: { suggestArtists: e.TAG_SUGGEST_ARTISTS },
    imageModeration: imageModerationConfig(e),
    metricsToken: e.METRICS_TOKEN ?? null,
    billing: billingConfig(e),
    webhooks: {
      allowInsecure: e.WEBHOOK_ALLOW_INSECURE,
      timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
      creditsLowThreshold: e.CREDITS_LOW_THRESHOLD,
    },
  };
}

export type Config = ReturnType<typeof loadConfig>;

type ParsedEnv = z.infer<typeof envSchema>;

const regionsSchema = z
  .object({ hosting: z.string(), storage: z.string(), provider: z.string(), payments: z.string(), email: z.string() })
  .partial()
  .strict();

function parseRegions(json: string | undefined) {
  const unknown = 'not stated by the operator';
  const defaults = { hosting: unknown, storage: unknown, provider: unknown, payments: 'USA and EU (Stripe)', email: unknown };
  if (!json) return defaults;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ConfigError(['PROCESSOR_REGIONS: not valid JSON']);
  }
  const parsed = regionsSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError([`PROCESSOR_REGIONS: ${parsed.error.issues[0]?.message}`]);
  return { ...defaults, ...parsed.data };
}

/** KIE with a key, AUTOMATIC1111 when chosen, else the built-in simulator. */
function providerConfig(e: ParsedEnv) {
  const kind = e.PROVIDER ?? (e.KIE_API_KEY ? 'kie' : null);
  if (kind === 'a1111') {
    if (!e.A1111_URL) throw new ConfigError(['A1111_URL: required when PROVIDER=a1111']);
    return {
      kind: 'a1111' as const,
      baseUrl: e.A1111_URL,
      username: e.A1111_USERNAME,
      password: e.A1111_PASSWORD,
      checkpoint: e.A1111_CHECKPOINT,
      upscaler: e.A1111_UPSCALER,
      timeoutMs: e.A1111_TIMEOUT_SECONDS * 1000,
      concurrency: e.A1111_CONCURRENCY,
    };
  }
  if (kind === 'comfyui') return comfyConfig(e);
  if (kind === 'kie') {
    if (!e.KIE_API_KEY) throw new ConfigError(['KIE_API_KEY: required when PROVIDER=kie']);
    return {
      kind: 'kie' as const,
      apiKey: e.KIE_API_KEY,
      baseUrl: e.KIE_BASE_URL,
      uploadBaseUrl: e.KIE_UPLOAD_BASE_URL,
      resultHosts: e.KIE_RESULT_HOSTS?.split(',').map((h) => h.trim()) ?? null,
      webhookHmacKey: e.KIE_WEBHOOK_HMAC_KEY ?? null,
    };
  }
  let behaviour: ReturnType<typeof parseBehaviourPatch>;
  try {
    behaviour = parseBehaviourPatch(e.SIMULATOR_BEHAVIOUR);
  } catch (err) {
    throw new ConfigError([`SIMULATOR_BEHAVIOUR: ${(err as Error).message}`]);
  }
  return { kind: 'simulator' as const, delayMs: e.SIMULATOR_DELAY_MS, behaviour };
}

/** ComfyUI: its address, and the workflow templates checked now, so a broken file stops start-up naming itself. */
function comfyConfig(e: ParsedEnv) {
  if (!e.COMFYUI_URL) throw new ConfigError(['COMFYUI_URL: required when PROVIDER=comfyui']);
  // fetch refuses URLs with credentials; the proxy's secret belongs in COMFYUI_TOKEN, which is never logged.
  const url = new URL(e.COMFYUI_URL);
  if (url.username || url.password) throw new ConfigError(['COMFYUI_URL: no credentials in the URL; put the proxy token in COMFYUI_TOKEN']);
  try {
    loadComfyWorkflows(e.COMFYUI_WORKFLOWS_DIR);
  } catch (err) {
    throw new ConfigError([`COMFYUI_WORKFLOWS_DIR: ${(err as Error).message}`]);
  }
  return {
    kind: 'comfyui' as const,
    baseUrl: e.COMFYUI_URL,
    token: e.COMFYUI_TOKEN,
    workflowsDir: e.COMFYUI_WORKFLOWS_DIR,
    checkpoint: e.COMFYUI_CHECKPOINT,
    megapixels: e.COMFYUI_MEGAPIXELS,
  };
}

function imageModerationConfig(e: z.infer<typeof envSchema>) {
  const timeoutMs = e.IMAGE_MODERATION_TIMEOUT_SECONDS * 1000;
  if (e.IMAGE_MODERATION === 'openai') {
    if (!e.OPENAI_API_KEY) throw new ConfigError(['OPENAI_API_KEY: required when IMAGE_MODERATION=openai']);
    return {
      kind: 'openai' as const,
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODERATION_MODEL,
      timeoutMs,
    };
  }
  if (e.IMAGE_MODERATION === 'off') return { kind: 'off' as const };
  return {
    kind: 'local' as const,
    thresholds: { explicit: e.IMAGE_MODERATION_EXPLICIT, suggestive: e.IMAGE_MODERATION_SUGGESTIVE, drawn: e.IMAGE_MODERATION_DRAWN },
    timeoutMs,
  };
}

function keepTools<T extends object>(tools: T, canDo: readonly ImageTool[]): T {
  return Object.fromEntries(Object.entries(tools).filter(([tool]) => canDo.includes(tool as ImageTool))) as T;
}

/** What the provider can do; for ComfyUI, what its templates can (an operator's folder may lack some). */
function toolsOf(e: ParsedEnv, provider: ReturnType<typeof providerConfig>['kind']): readonly ImageTool[] {
  return provider === 'comfyui' ? comfyToolsOf(loadComfyWorkflows(e.COMFYUI_WORKFLOWS_DIR)) : toolsOfProvider(provider);
}

function models(json: string | undefined, provider: ReturnType<typeof providerConfig>['kind'], canDo: readonly ImageTool[]) {
  const local = provider === 'a1111' || provider === 'comfyui';
  let parsed: typeof defaultModels;
  try {
    parsed = parseModels(json, provider === 'a1111' ? defaultA1111Models : provider === 'comfyui' ? defaultComfyModels : defaultModels);
  } catch (err) {
    throw new ConfigError([`MODELS_JSON: ${(err as Error).message}`]);
  }
  // Only tools the provider can do are offered: the defaults lose the others, MODELS_JSON may not ask for them.
  if (!json) parsed = parsed.map((m) => ({ ...m, tools: keepTools(m.tools, canDo) }));
  const toolProblems = parsed.flatMap((m) =>
    Object.keys(m.tools)
      .filter((tool) => !canDo.includes(tool as ImageTool))
      .map((tool) => `MODELS_JSON: model "${m.id}": the ${provider} provider cannot do ${tool}`),
  );
  if (toolProblems.length > 0) throw new ConfigError(toolProblems);
  // The simulator speaks KIE's protocol, so it is held to KIE's model table too; a1111 and ComfyUI take any checkpoint.
  // The defaults have a test of their own, so only what the operator wrote is checked here.
  if (local || !json) return parsed;
  const problems = parsed.flatMap((m) => checkCatalogEntry(m).map((problem) => `MODELS_JSON: model "${m.id}": ${problem}`));
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed;
}

function presets(json: string | undefined) {
  try {
    return parsePresets(json);
  } catch (err) {
    throw new ConfigError([`PRESETS_JSON: ${(err as Error).message}`]);
  }
}

/** Stripe when both secrets are set (billing is off without them), and the credit packs on sale. */
function billingConfig(e: ParsedEnv) {
  const { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret } = e;
  if (Boolean(secretKey) !== Boolean(webhookSecret))
    throw new ConfigError(['STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET: set both or neither']);
  const stripe = secretKey && webhookSecret ? { secretKey, webhookSecret, apiBase: e.STRIPE_API_BASE ?? null } : null;
  try {
    return { stripe, packs: parseCreditPacks(e.CREDIT_PACKS_JSON), checkoutLimitPerHour: e.CHECKOUT_LIMIT_PER_HOUR };
  } catch (err) {
    throw new ConfigError([`CREDIT_PACKS_JSON: ${(err as Error).message}`]);
  }
}

/**
 * The sign-in providers the operator configured, in the order their buttons
 * show. A pair half-set stops start-up naming the missing variable: a typo'd
 * secret must not silently hide the button.
 */
function signInProviders(e: ParsedEnv): SignInProviderConfig[] {
  const problems: string[] = [];
  const providers: SignInProviderConfig[] = [];
  const pairs = [
    ['google', 'GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
    ['discord', 'DISCORD_CLIENT_ID', 'DISCORD_CLIENT_SECRET'],
    ['github', 'GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET'],
  ] as const;
  for (const [id, idVar, secretVar] of pairs) {
    const clientId = e[idVar];
    const clientSecret = e[secretVar];
    if (clientId && clientSecret) providers.push({ id, clientId, clientSecret });
    else if (clientId) problems.push(`${secretVar}: required when ${idVar} is set`);
    else if (clientSecret) problems.push(`${idVar}: required when ${secretVar} is set`);
  }
  const oidc = { OIDC_ISSUER: e.OIDC_ISSUER, OIDC_CLIENT_ID: e.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET };
  const set = Object.entries(oidc).filter(([, v]) => v !== undefined);
  if (set.length === 3 && e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    providers.push({
      id: 'oidc',
      issuer: e.OIDC_ISSUER.replace(/\/+$/, ''),
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      name: e.OIDC_NAME ?? null,
    });
  } else if (set.length > 0) {
    const given = set.map(([k]) => k).join(', ');
    for (const [k, v] of Object.entries(oidc)) if (v === undefined) problems.push(`${k}: required when ${given} is set`);
  } else if (e.OIDC_NAME) {
    problems.push('OIDC_NAME: only used with OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return providers;
}

/** One configured sign-in provider: Google, Discord, GitHub (Better Auth's own), or any OpenID Connect issuer. */
export type SignInProviderConfig =
  | { id: Exclude<SignInProviderId, 'oidc'>; clientId: string; clientSecret: Secret }
  | { id: 'oidc'; issuer: string; clientId: string; clientSecret: Secret; name: string | null };

/** STORAGE_URL: a local folder (default DATA_DIR/files) or s3://bucket/prefix with the S3_* settings. */
function storageConfig(e: ParsedEnv) {
  let location: ReturnType<typeof parseStorageUrl>;
  try {
    location = parseStorageUrl(e.STORAGE_URL ?? `${e.DATA_DIR}/files`);
  } catch (err) {
    throw new ConfigError([`STORAGE_URL: ${(err as Error).message}`]);
  }
  if (location.kind === 'local') return location;
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(['S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: set both or neither']);
  }
  return {
    ...location,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
  };
}
