import type { MailMessage } from './types.js';

/**
 * Every e-mail we send, in the recipient's language (English when we do not
 * know it). Plain text first: it is what every client shows and what the dev
 * mailbox parses links from. A template is a function of its own variables,
 * so a caller cannot forget one.
 */
type Locale = 'en' | 'ja';
type Copy<V> = Record<Locale, (v: V) => { subject: string; text: string }>;

const requestKinds = {
  en: {
    objection: 'objection to how your data is used',
    access: 'question about your data',
    deletion: 'deletion of your data',
    child_account: "report of a child's account",
    other: 'other request',
  },
  ja: {
    objection: 'データの利用への異議',
    access: 'データについての質問',
    deletion: 'データの削除',
    child_account: 'お子さまのアカウントの報告',
    other: 'その他のリクエスト',
  },
} as const;

const requestStatuses = {
  en: { open: 'received', in_progress: 'being handled', done: 'done', rejected: 'closed without action' },
  ja: { open: '受け付けました', in_progress: '対応中です', done: '対応が完了しました', rejected: '対応せずに終了しました' },
} as const;

const supportCategories = {
  en: { billing: 'billing', generation: 'a generation', account: 'your account', bug: 'a problem in the app', other: 'another question' },
  ja: { billing: '支払い', generation: '画像の生成', account: 'アカウント', bug: 'アプリの不具合', other: 'その他' },
} as const;
type SupportCategory = keyof (typeof supportCategories)['en'];

type RequestKind = keyof (typeof requestKinds)['en'];
type RequestStatus = keyof (typeof requestStatuses)['en'];

const templates = {
  verify: {
    en: (v) => ({
      subject: 'Confirm your AnimeGen e-mail address',
      text: `Hi ${v.name},\n\nConfirm your e-mail address to start creating:\n${v.url}\n\nThe link works for one hour. If you did not sign up, ignore this message.`,
    }),
    ja: (v) => ({
      subject: 'AnimeGen メールアドレスの確認',
      text: `${v.name} さん\n\n以下のリンクからメールアドレスを確認してください:\n${v.url}\n\nリンクの有効期限は1時間です。心当たりがない場合はこのメールを破棄してください。`,
    }),
  } satisfies Copy<{ name: string; url: string }>,
  reset: {
    en: (v) => ({
      subject: 'Reset your AnimeGen password',
      text: `Hi ${v.name},\n\nChoose a new password here:\n${v.url}\n\nThe link works for one hour. If you did not ask for this, you can ignore it; your password stays the same.`,
    }),
    ja: (v) => ({
      subject: 'AnimeGen パスワードの再設定',
      text: `${v.name} さん\n\n以下のリンクから新しいパスワードを設定してください:\n${v.url}\n\nリンクの有効期限は1時間です。心当たりがない場合は無視してください。パスワードは変更されません。`,
    }),
  } satisfies Copy<{ name: string; url: string }>,
  policy: {
    en: (v) => ({
      subject: 'AnimeGen privacy policy update',
      text: `Hi ${v.name},\n\nWe changed our privacy policy in a way that matters to you. Read what changed here:\n${v.url}\n\nNext time you sign in, AnimeGen asks you to acknowledge the new version.`,
    }),
    ja: (v) => ({
      subject: 'AnimeGen プライバシーポリシー改定のお知らせ',
      text: `${v.name} さん\n\nプライバシーポリシーを重要な点で改定しました。変更内容はこちらでご確認ください:\n${v.url}\n\n次回サインイン時に、新しい版の確認をお願いします。`,
    }),
  } satisfies Copy<{ name: string; url: string }>,
  accountDeleted: {
    en: (v) => ({
      subject: 'Your AnimeGen account was deleted',
      text: `Your AnimeGen account was deleted on ${v.at.toISOString()}.\n\nYour profile, generated images, uploads and sessions are erased. Credit and purchase records are kept without your name or e-mail for the legally required period, then deleted automatically.\n\nIf you did not ask for this, reply to this message.`,
    }),
    ja: (v) => ({
      subject: 'AnimeGen アカウント削除のお知らせ',
      text: `AnimeGen のアカウントを ${v.at.toISOString()} に削除しました。\n\nプロフィール、生成した画像、アップロード、セッションは消去されました。クレジットと購入の記録は、法律で定められた期間だけ氏名・メールアドレスなしで保管し、その後自動的に削除します。\n\n心当たりがない場合は、このメールに返信してください。`,
    }),
  } satisfies Copy<{ at: Date }>,
  privacyRequest: {
    en: (v) => ({
      subject: 'Your AnimeGen privacy request',
      text: [
        `Your privacy request (${requestKinds.en[v.kind]}) is ${requestStatuses.en[v.status]}.`,
        v.resolution ? `\n${v.resolution}` : '',
        `\nWe answer by ${v.dueAt.toISOString().slice(0, 10)} at the latest. Reference: ${v.reference}`,
      ].join('\n'),
    }),
    ja: (v) => ({
      subject: 'AnimeGen プライバシーに関するリクエスト',
      text: [
        `プライバシーに関するリクエスト（${requestKinds.ja[v.kind]}）を${requestStatuses.ja[v.status]}。`,
        v.resolution ? `\n${v.resolution}` : '',
        `\n遅くとも ${v.dueAt.toISOString().slice(0, 10)} までにお返事します。受付番号: ${v.reference}`,
      ].join('\n'),
    }),
  } satisfies Copy<{ kind: RequestKind; status: RequestStatus; resolution: string | null; dueAt: Date; reference: string }>,
  /*
   * Says only that there is an answer: the thread may hold account or payment
   * details, and the app shows it behind the account's sign-in, whereas an
   * e-mail passes servers we do not control and stays in mailboxes for years.
   */
  supportReply: {
    en: (v) => ({
      subject: 'AnimeGen support answered your request',
      text: `Hi ${v.name},\n\nOur support team answered your request about ${supportCategories.en[v.category]}. Read the answer and reply in the app:\n${v.url}\n\nFor your privacy this e-mail does not include the message.`,
    }),
    ja: (v) => ({
      subject: 'AnimeGen サポートからの返信',
      text: `${v.name} さん\n\n${supportCategories.ja[v.category]}についてのお問い合わせに、サポートチームが返信しました。アプリで返信を確認し、続けてご連絡いただけます:\n${v.url}\n\nプライバシー保護のため、このメールには返信の本文を含めていません。`,
    }),
  } satisfies Copy<{ name: string; category: SupportCategory; url: string }>,
  webhookDisabled: {
    en: (v) => ({
      subject: 'AnimeGen stopped sending to your webhook',
      text: `Hi ${v.name},\n\nYour webhook endpoint ${v.endpoint} has failed every delivery for three days, so AnimeGen stopped sending events to it.\n\nOnce it answers again, re-send a delivery from Settings to turn it back on (or add it again):\n${v.url}`,
    }),
    ja: (v) => ({
      subject: 'AnimeGen Webhook の送信を停止しました',
      text: `${v.name} さん\n\nWebhook のエンドポイント ${v.endpoint} への送信が3日間すべて失敗したため、イベントの送信を停止しました。\n\n受信できる状態に戻ったら、設定画面から配信を再送すると再び有効になります（登録し直すこともできます）:\n${v.url}`,
    }),
  } satisfies Copy<{ name: string; endpoint: string; url: string }>,
};

export type MailTemplate = keyof typeof templates;
export type MailVariables<K extends MailTemplate> = Parameters<(typeof templates)[K]['en']>[0];

/** The e-mail `kind` to `to`, in `locale` (anything but 'ja' is English). */
export function renderMail<K extends MailTemplate>(kind: K, to: string, locale: string, vars: MailVariables<K>): MailMessage {
  const lang: Locale = locale === 'ja' ? 'ja' : 'en';
  const render = templates[kind][lang] as (v: MailVariables<K>) => { subject: string; text: string };
  return { to, ...render(vars) };
}
