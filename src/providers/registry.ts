import { createKieProvider, type ProviderLog } from './kie/kie-provider.js';
import type { RateLimiter } from './kie/rate-limit.js';
import type { ImageProvider } from './types.js';

/** A secret as config holds it (a redacting wrapper) or a plain string. */
type SecretValue = string | { reveal(): string };

export type ProviderConfig =
  | { kind: 'kie'; apiKey: SecretValue; baseUrl: string; uploadBaseUrl: string; resultHosts: string[] | null }
  /** The built-in simulator (or any KIE look-alike) at one URL serving API, uploads and results. */
  | { kind: 'simulator-url'; url: string; apiKey: string };

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
        ...extras,
      });
    }
    default: {
      const unknown: never = config;
      throw new Error(`unknown provider kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
