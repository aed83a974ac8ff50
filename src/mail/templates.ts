import type { MailMessage } from './types.js';

/**
 * The e-mails we send, in the recipient's language. Plain text first: it is
 * what every client shows and what the dev mailbox parses links from.
 */
type Locale = 'en' | 'ja';

const copy = {
  verify: {
    en: {
      subject: 'Confirm your AnimeGen e-mail address',
      body: 'Hi {name},\n\nConfirm your e-mail address to start creating:\n{url}\n\nThe link works for one hour. If you did not sign up, ignore this message.',
    },
    ja: {
      subject: 'AnimeGen メールアドレスの確認',
      body: '{name} さん\n\n以下のリンクからメールアドレスを確認してください:\n{url}\n\nリンクの有効期限は1時間です。心当たりがない場合はこのメールを破棄してください。',
    },
  },
  reset: {
    en: {
      subject: 'Reset your AnimeGen password',
      body: 'Hi {name},\n\nChoose a new password here:\n{url}\n\nThe link works for one hour. If you did not ask for this, you can ignore it; your password stays the same.',
    },
    ja: {
      subject: 'AnimeGen パスワードの再設定',
      body: '{name} さん\n\n以下のリンクから新しいパスワードを設定してください:\n{url}\n\nリンクの有効期限は1時間です。心当たりがない場合は無視してください。パスワードは変更されません。',
    },
  },
  policy: {
    en: {
      subject: 'AnimeGen privacy policy update',
      body: 'Hi {name},\n\nWe changed our privacy policy in a way that matters to you. Read what changed here:\n{url}\n\nNext time you sign in, AnimeGen asks you to acknowledge the new version.',
    },
    ja: {
      subject: 'AnimeGen プライバシーポリシー改定のお知らせ',
      body: '{name} さん\n\nプライバシーポリシーを重要な点で改定しました。変更内容はこちらでご確認ください:\n{url}\n\n次回サインイン時に、新しい版の確認をお願いします。',
    },
  },
} as const;

export function renderMail(kind: keyof typeof copy, to: string, locale: string, vars: { name: string; url: string }): MailMessage {
  const lang: Locale = locale === 'ja' ? 'ja' : 'en';
  const t = copy[kind][lang];
  const text = t.body.replace('{name}', vars.name).replace('{url}', vars.url);
  return { to, subject: t.subject, text };
}
