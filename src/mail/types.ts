/** An outgoing e-mail. `text` is always present; `html` is optional. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** Sends (or records) one message. Throws when the transport refuses it. */
  send(message: MailMessage): Promise<void>;
}

export interface StoredMail extends MailMessage {
  id: string;
  links: string[];
  sentAt: Date;
}
