export { DevMailbox } from './dev-mailbox.js';
export { createLogMailer } from './log-mailer.js';
export { createSmtpMailer } from './smtp.js';
export { type MailTemplate, renderMail } from './templates.js';
export type { Mailer, MailMessage, StoredMail } from './types.js';
