import type { Logger } from '../lib/logger.js';
import type { Mailer, MailMessage } from './types.js';

/**
 * Where e-mail goes when nothing can deliver it and the dev mailbox would
 * be reachable by others (the server listens beyond this machine): the log
 * only, which only the operator reads. Links (one-time tokens) only in
 * development.
 */
export function createLogMailer(log: Logger, logLinks: boolean): Mailer {
  return {
    async send(message: MailMessage) {
      const links = logLinks ? [...message.text.matchAll(/https?:\/\/[^\s)>"]+/g)].map((m) => m[0]) : undefined;
      log.info({ mail: { subject: message.subject, ...(links ? { links } : {}) } }, 'e-mail written to the log only (no SMTP_URL)');
    },
  };
}
