/**
 * The port every image provider adapter implements. A generation asks for one
 * image per provider task (N images = N tasks), which keeps charging and
 * refunds per image simple.
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

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    /** A stable short code for logs and metrics, e.g. 'rate_limited', 'kie_422'. */
    readonly code: string,
    /** Safe to show users: never contains URLs, keys or provider internals. */
    readonly userMessage: string,
    /** For logs only. */
    readonly detail?: string,
  ) {
    super(`${code}: ${detail ?? userMessage}`);
    this.name = 'ProviderError';
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
  references: ReferenceImage[];
  /** Where the provider should POST completion; omitted when we are not publicly reachable. */
  callbackUrl?: string;
}

export type TaskState =
  | { state: 'pending'; progress?: number }
  | { state: 'succeeded'; resultUrls: string[] }
  | { state: 'failed'; error: ProviderError };

export interface DownloadedImage {
  bytes: Buffer;
  contentType: string;
}

export interface ImageProvider {
  /** 'kie' for the KIE adapter (also when it talks to the local simulator). */
  readonly name: string;
  /** True when images are demo placeholders (the built-in simulator). */
  readonly demo: boolean;
  /** Creates one task and returns the provider's task id. Throws ProviderError. */
  createTask(input: CreateTaskInput): Promise<string>;
  /** Reads the task's current state from the provider (the source of truth). Throws ProviderError. */
  getTask(taskId: string): Promise<TaskState>;
  /** Downloads one result with size, type and host limits. Throws ProviderError. */
  downloadResult(url: string): Promise<DownloadedImage>;
}
