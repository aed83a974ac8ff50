import { randomUUID } from 'node:crypto';
import type { Logger } from '../lib/logger.js';
import type { Mailer, MailMessage, StoredMail } from './types.js';

const LIMIT = 200;

/**
 * The embedded-mode mailer: keeps the latest messages in memory for the dev
 * mailbox page and writes a line to the log. Never used in production.
 */
export class DevMailbox implements Mailer {
  readonly #messages: StoredMail[] = [];
  constructor(
    private readonly log: Logger,
    /** Print links to the log (development only: links carry one-time tokens). */
    private readonly logLinks: boolean,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const links = [...message.text.matchAll(/https?:\/\/[^\s)>"]+/g)].map((m) => m[0]);
    const stored: StoredMail = { ...message, id: randomUUID(), links, sentAt: new Date() };
    this.#messages.unshift(stored);
    this.#messages.length = Math.min(this.#messages.length, LIMIT);
    this.log.info(
      { mail: { subject: message.subject, ...(this.logLinks ? { links } : {}) } },
      'e-mail written to the dev mailbox (/dev/mail)',
    );
  }

  /** Newest first. */
  list(): StoredMail[] {
    return [...this.#messages];
  }
}
