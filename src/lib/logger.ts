import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino replaces with [redacted] wherever they appear, so a password, a
 * session token or a provider key never reaches a log line.
 */
export const redactPaths = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'apiKey',
  'secret',
  'secretAccessKey',
  '*.secretAccessKey',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.apiKey',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/** Query parameters that carry one-time secrets (e-mail verification, password reset). */
const secretParams = /([?&](?:token|code|callbackURL|signature)=)[^&]*/gi;

/** A URL safe to log: secret-bearing query values and path tokens replaced. */
export function safeUrl(url: string): string {
  return url.replace(secretParams, '$1[redacted]').replace(/(\/reset-password\/)[^/?]+/, '$1[redacted]');
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: {
        // Only what is needed to operate: no headers, no query secrets.
        req: (req: { id?: string; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: safeUrl(req.url ?? '') }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
