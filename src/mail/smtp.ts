import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './types.js';

/** Sends through the SMTP server in SMTP_URL. */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message: MailMessage) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
  };
}
