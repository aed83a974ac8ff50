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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}
