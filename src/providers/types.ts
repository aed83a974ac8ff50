import type { FailureReason } from '../contracts/errors.js';
import type { GenerationTool, ImageTool } from '../contracts/tools.js';

/**
 * The port every image provider adapter implements. A generation asks for one
 * provider task per run (N runs = N tasks), which keeps charging and refunds
 * per task simple; a task gives one image, or the model's `imagesPerTask`
 * (Midjourney's grid of four).
 */

/**
 * How a failure should be treated:
 * - transient: network, timeouts, 429, 5xx, maintenance; retry with backoff.
 * - permanent: invalid input, unknown model, generation failed; fail at once.
 * - rejected: the provider's content policy refused the prompt or a reference.
 * - provider_account: our provider account is out of credits or its key is bad;
 *   fail, refund and alert the operator instead of burning retries.
 */
export type ProviderErrorKind = 'transient' | 'permanent' | 'rejected' | 'provider_account';

/**
 * What a provider error means for the pipeline, stated by the adapter that
 * throws it: how to treat it, what the user reads, which failure reason
 * (the closed list in contracts/errors.ts) the generation gets, and any cap
 * on attempts. The pipeline knows no provider's codes; it reads these.
 */
export interface ErrorOutcome {
  kind: ProviderErrorKind;
  /** Safe to show users: never contains URLs, keys or provider internals. */
  userMessage: string;
  /** The failure reason users see when this ends a generation. */
  reason: FailureReason;
  /** Transient errors only: at most this many attempts in all (e.g. an error that is sometimes bad input in disguise). */
  maxAttempts?: number;
}

/** An adapter's closed list of error codes: an entry without a reason does not compile. */
export type ErrorCatalogue = Record<string, ErrorOutcome>;

export class ProviderError extends Error implements ErrorOutcome {
  readonly kind: ProviderErrorKind;
  readonly userMessage: string;
  readonly reason: FailureReason;
  readonly maxAttempts?: number;

  constructor(
    /** A stable short code for logs and metrics, e.g. 'rate_limited', 'kie_500'. */
    readonly code: string,
    outcome: ErrorOutcome,
    /** For logs only. */
    readonly detail?: string,
  ) {
    super(`${code}: ${detail ?? outcome.userMessage}`);
    this.name = 'ProviderError';
    this.kind = outcome.kind;
    this.userMessage = outcome.userMessage;
    this.reason = outcome.reason;
    if (outcome.maxAttempts !== undefined) this.maxAttempts = outcome.maxAttempts;
  }
}

export interface ReferenceImage {
  /** Unique name for the provider's upload API (never reused across uploads). */
  name: string;
  /**
   * A signed, expiring public URL of this image on our own server, when we are
   * publicly reachable and configured to serve references ourselves; URL-based
   * providers then skip their own upload step.
   */
  url?: string;
  bytes: Buffer;
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
}

export interface CreateTaskInput {
  /** The provider's model name (e.g. 'google/nano-banana'). */
  providerModel: string;
  prompt: string;
  negativePrompt?: string;
  aspectRatio: string;
  seed: number;
  /** Set only for models whose catalog entry takes them (the submit refuses them otherwise). */
  steps?: number;
  guidance?: number;
  /** Image-to-image: how far the result may move from the first reference (0 keeps it, 1 remakes it). */
  strength?: number;
  sampler?: string;
  references: ReferenceImage[];
  /** Where the provider should POST completion; omitted when we are not publicly reachable. */
  callbackUrl?: string;
  /** What to make (contracts/tools.ts); absent means `text`. An adapter refuses a tool it cannot do (permanent). */
  tool?: GenerationTool;
  /** The image an image tool works on (every tool but `text`). */
  source?: ReferenceImage;
  /**
   * Inpaint: a PNG at the source's size, WHITE where to change (our editor's
   * convention, contracts/tools.ts). Each adapter converts it to its provider's.
   */
  mask?: ReferenceImage;
  /** Upscale: how many times larger (2 or 4). */
  factor?: number;
  /**
   * Variations or upscale on a grid model (Midjourney): the parent image's
   * provider task and its 0-based place in that grid. The adapter acts on
   * that task (its GridTools) instead of on a `source` file.
   */
  sourceTask?: { taskId: string; index: number };
}

export type TaskState =
  | { state: 'pending'; progress?: number }
  | { state: 'succeeded'; resultUrls: string[] }
  | { state: 'failed'; error: ProviderError };

export interface DownloadedImage {
  bytes: Buffer;
  contentType: string;
}

/**
 * A provider that calls us back when a task ends: how to read and check its
 * calls. The pipeline only hears "task X of generation G may be done" and
 * re-reads the task; it knows nothing of the provider's body or signature.
 */
export interface ProviderCallbacks {
  /** Names our callback route: /api/hooks/<route>/:generationId. */
  readonly route: string;
  /** The task a callback is about, or null when the body names none. */
  taskIdOf(body: unknown): string | null;
  /** Whether the request carries the provider's valid signature (true when there is nothing to check). */
  verify(input: { taskId: string; headers: Record<string, string | string[] | undefined>; now: Date }): boolean;
}

/** One image of a finished grid task: `index` is its 0-based place in the task's `resultUrls`. */
export interface GridToolInput {
  taskId: string;
  index: number;
  /** Where the provider should POST completion of the new task; omitted when we are not publicly reachable. */
  callbackUrl?: string;
}

/**
 * Midjourney's tools on a succeeded four-image task. Each makes a NEW task
 * (read with getTask like any other) and returns its id; only an adapter
 * whose models make grids offers them. Throws ProviderError.
 */
export interface GridTools {
  /** A larger copy of one image of the grid (the new task gives one result). */
  upscaleTask(input: GridToolInput): Promise<string>;
  /** Four variations of one image of the grid (the new task gives four results). */
  varyTask(input: GridToolInput): Promise<string>;
}

export interface ImageProvider {
  /** 'kie' for the KIE adapter (also when it talks to the local simulator). */
  readonly name: string;
  /** True when images are demo placeholders (the built-in simulator). */
  readonly demo: boolean;
  /** The image tools it can do; the catalog may offer only these (config refuses others at start-up). */
  readonly tools: readonly ImageTool[];
  /** Set when the provider can call us back (KIE); without it, polling alone finds finished tasks. */
  readonly callbacks?: ProviderCallbacks;
  /** Creates one task and returns the provider's task id. Throws ProviderError. */
  createTask(input: CreateTaskInput): Promise<string>;
  /** Reads the task's current state from the provider (the source of truth). Throws ProviderError. */
  getTask(taskId: string): Promise<TaskState>;
  /** Downloads one result with size, type and host limits. Throws ProviderError. */
  downloadResult(url: string): Promise<DownloadedImage>;
  /**
   * Stops a task that is waiting or running, where the provider's API offers
   * that; absent where it does not (then a running generation cannot be
   * canceled). Idempotent: a task already ended is left as it is. Throws ProviderError.
   */
  cancelTask?(taskId: string): Promise<void>;
  /** Upscale and vary for grid tasks (KIE's Midjourney API); absent where no model makes grids. */
  readonly grid?: GridTools;
}
