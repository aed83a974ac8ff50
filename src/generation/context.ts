import type { SQL } from 'drizzle-orm';
import type { Generation } from '../contracts/api.js';
import type { WebhookEventType } from '../contracts/webhooks.js';
import type { Db } from '../db/index.js';
import type { ImageModerator, KnownImageMatcher } from '../image-moderation/index.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { Limiter } from '../lib/limiter.js';
import type { Logger } from '../lib/logger.js';
import type { ScreenPrompt } from '../moderation/index.js';
import type { ImageProvider } from '../providers/index.js';
import type { HintHub } from '../pubsub/index.js';
import type { ImageProcessor, Storage } from '../storage/index.js';
import type { ModelConfig } from './catalog.js';
import type { ReferenceLinkSettings } from './reference-links.js';

/** Everything the generation use cases may use; each takes only the part it needs. */
export interface GenerationContext {
  db: Db;
  queue: JobQueue;
  provider: ImageProvider;
  storage: Storage;
  images: ImageProcessor;
  /** Bounds how many results this process downloads and decodes at once (memory). */
  ingestion: Limiter;
  clock: Clock;
  log: Logger;
  catalog: ModelConfig[];
  modelNames: Map<string, string>;
  settings: GenerationSettings;
  metrics: GenerationMetrics;
  /** Lets a provider callback cut a poll wait short. */
  hints: HintHub;
  /** Aborted when the process shuts down: running jobs hand their work back to the queue. */
  shutdown: AbortSignal;
  /** The content policy: resolves for an allowed prompt, throws content_policy (after queueing a case) otherwise. */
  screenPrompt: ScreenPrompt;
  /** Looks at every result and reference upload before anyone sees it (config: IMAGE_MODERATION). */
  imageModerator: ImageModerator;
  /** Known illegal images by hash; the default matches nothing (production needs a real list). */
  knownImages: KnownImageMatcher;
  /** Whether the account has opted into mature content now (read per result). */
  matureOf(userId: string): Promise<boolean>;
  /** Tells the user's webhooks what happened, in the transaction that made it happen (deps.ts wires the webhooks module). */
  events: GenerationEvents;
}

/** The events a generation's end raises. */
export type GenerationEventType = Extract<WebhookEventType, 'generation.succeeded' | 'generation.failed'>;

/**
 * What the generation module tells the user's webhooks; it knows only this
 * port (deps.ts wires the webhooks module's functions).
 */
export interface GenerationEvents {
  /** Whether any endpoint of the user takes `type` now: a one-statement write skips its transaction when none does. */
  isListening(db: Db, userId: string, type: GenerationEventType): Promise<boolean>;
  /** Records the event in the caller's transaction (nothing when nobody listens); `data` is read only then, through `tx`. */
  record(tx: Db, event: { userId: string; type: GenerationEventType; data: () => Promise<Generation> }): Promise<void>;
  /** CTE clauses for the submit's one statement, after the credits module's debit (`debited`): credits.low when this debit crossed the line. */
  debitClauses(input: { userId: string; amount: number; now: Date }): SQL;
}

/** What the pipeline reports to monitoring (Prometheus in production). */
export interface GenerationMetrics {
  finished(provider: string, status: 'succeeded' | 'failed' | 'canceled'): void;
  ingestionSeconds(seconds: number): void;
  /** Our provider account needs an operator (no credits, bad key): metric, log and the operators' banner. */
  providerAlert(provider: string, code: string): Promise<void>;
}

export interface GenerationSettings {
  deadlineSeconds: number;
  maxReferences: number;
  /** Where the provider may POST completion hints; null when we are not publicly reachable. */
  callbackBaseUrl: string | null;
  /** When set, providers fetch references from signed, expiring links on our server instead of an upload. */
  referenceLinks: ReferenceLinkSettings | null;
  /** Signs the per-generation token in callback URLs. */
  callbackSecret: string;
  poll: { initialMs: number; maxMs: number };
  /** Attempts (job runs) before a transient problem becomes a failure. */
  maxAttempts: number;
  /** First gap between attempts; it doubles each time. */
  retryDelaySeconds: number;
  /** Days a deleted generation stays restorable in the trash; 0 deletes at once. */
  trashDays: number;
}
