import { createA1111Provider } from './a1111/a1111-provider.js';
import type { A1111Defaults } from './a1111/request.js';
import { createComfyProvider } from './comfyui/comfyui-provider.js';
import { createKieProvider, type ProviderLog } from './kie/kie-provider.js';
import type { RateLimiter } from './kie/rate-limit.js';
import type { ImageProvider } from './types.js';

/** A secret as config holds it (a redacting wrapper) or a plain string. */
type SecretValue = string | { reveal(): string };

export type ProviderConfig =
  | {
      kind: 'kie';
      apiKey: SecretValue;
      baseUrl: string;
      uploadBaseUrl: string;
      resultHosts: string[] | null;
      /** KIE's webhook HMAC key; when set, callbacks must be signed with it. */
      webhookHmacKey?: SecretValue | null;
    }
  /** The built-in simulator (or any KIE look-alike) at one URL serving API, uploads and results. */
  | { kind: 'simulator-url'; url: string; apiKey: string; webhookHmacKey?: string }
  /** A self-hosted AUTOMATIC1111 / Forge webui started with --api (see src/providers/a1111). */
  | {
      kind: 'a1111';
      baseUrl: string;
      username?: string;
      password?: SecretValue;
      /** Checkpoint for models whose providerModel is `default`. */
      checkpoint?: string;
      timeoutMs?: number;
      concurrency?: number;
      defaults?: Partial<A1111Defaults>;
    }
  /** A self-hosted ComfyUI server, filled from workflow templates (see src/providers/comfyui). */
  | {
      kind: 'comfyui';
      baseUrl: string;
      /** Bearer token for the authenticating proxy in front of ComfyUI. */
      token?: SecretValue;
      workflowsDir?: string;
      /** Checkpoint for models whose providerModel is `default`. */
      checkpoint?: string;
      megapixels?: number;
      /** The catalog's checkpoints, checked once against the server at start-up (warnings only). */
      expectedCheckpoints?: string[];
    };

export interface ProviderExtras {
  log?: ProviderLog;
  rateLimiter?: RateLimiter;
}

const reveal = (secret: SecretValue) => (typeof secret === 'string' ? secret : secret.reveal());

/** Chooses the image provider from config. */
export function createProvider(config: ProviderConfig, extras: ProviderExtras = {}): ImageProvider {
  switch (config.kind) {
    case 'kie':
      return createKieProvider({
        apiKey: reveal(config.apiKey),
        baseUrl: config.baseUrl,
        uploadBaseUrl: config.uploadBaseUrl,
        allowedResultHosts: config.resultHosts,
        webhookHmacKey: config.webhookHmacKey ? reveal(config.webhookHmacKey) : null,
        ...extras,
      });
    case 'simulator-url': {
      const url = config.url.replace(/\/+$/, '');
      return createKieProvider({
        apiKey: config.apiKey,
        baseUrl: url,
        uploadBaseUrl: url,
        // host:port, so only the simulator itself is reachable over plain http on loopback.
        allowedResultHosts: [new URL(url).host],
        demo: true,
        webhookHmacKey: config.webhookHmacKey ?? null,
        ...extras,
      });
    }
    case 'a1111': {
      const { kind: _kind, password, ...rest } = config;
      return createA1111Provider({ ...rest, password: password === undefined ? undefined : reveal(password), log: extras.log });
    }
    case 'comfyui': {
      const { kind: _kind, token, ...rest } = config;
      return createComfyProvider({ ...rest, token: token === undefined ? undefined : reveal(token), log: extras.log });
    }
    default: {
      const unknown: never = config;
      throw new Error(`unknown provider kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
