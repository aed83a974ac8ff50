export { DevMailbox } from './dev-mailbox.js';
export { createSmtpMailer } from './smtp.js';
export { renderMail } from './templates.js';
export type { Mailer, MailMessage, StoredMail } from './types.js';
