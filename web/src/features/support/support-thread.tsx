import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { SupportThread } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextArea } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatDateTime } from '../../lib/format.js';

/**
 * A request's messages, oldest first, as the user or an operator reads them:
 * the reader's own side on the right. Operators appear as "AnimeGen support",
 * never by name.
 */
export function SupportMessages({ thread, reader }: { thread: SupportThread; reader: 'user' | 'operator' }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="space-y-3" data-testid="support-thread">
      {thread.messages.map((m) => {
        const own = m.author === reader;
        return (
          <li key={m.id} className={cn('flex', own ? 'justify-end' : 'justify-start')} data-testid="support-message" data-author={m.author}>
            <div
              className={cn(
                'max-w-[85%] rounded-2xl px-4 py-3 text-sm shadow-sm ring-1',
                m.author === 'operator'
                  ? 'bg-violet-50 ring-violet-200/60 dark:bg-violet-400/10 dark:ring-violet-300/20'
                  : 'bg-white ring-zinc-900/5 dark:bg-white/[0.04] dark:ring-white/10',
              )}
            >
              <p className="mb-1 text-xs font-semibold text-zinc-500 dark:text-zinc-400">
                {t(m.author === 'operator' ? 'support.fromSupport' : reader === 'user' ? 'support.fromYou' : 'support.fromUser')}
                {' · '}
                <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, i18n.language)}</time>
              </p>
              <p className="leading-relaxed break-words whitespace-pre-wrap">{m.body}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** What the request points at: the user's generation (a link for its owner; its id for an operator) or purchase. */
export function SupportLinks({ thread, reader }: { thread: SupportThread; reader: 'user' | 'operator' }) {
  const { t } = useTranslation();
  if (!thread.generationId && !thread.purchaseId) return null;
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="support-links">
      {thread.generationId &&
        (reader === 'user' ? (
          <Link to={`/g/${thread.generationId}`} className="font-semibold text-violet-700 hover:underline dark:text-violet-300">
            {t('support.aboutGeneration')}
          </Link>
        ) : (
          <>
            {t('support.aboutGeneration')}: <span className="font-mono text-xs">{thread.generationId}</span>
          </>
        ))}
      {thread.purchaseId && (
        <>
          {thread.generationId && ' · '}
          {t('support.aboutPurchase')}: <span className="font-mono text-xs">{thread.purchaseId}</span>
        </>
      )}
    </p>
  );
}

/** A message box with its send button; clears itself once sent. */
export function ReplyBox({
  label,
  hint,
  submitLabel,
  pending,
  error,
  onSend,
}: {
  label: string;
  hint?: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSend: (body: string, done: () => void) => void;
}) {
  const [body, setBody] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) onSend(body.trim(), () => setBody(''));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate data-testid="support-reply-form">
      <ErrorNotice error={error} />
      <TextArea
        label={label}
        hint={hint}
        rows={4}
        maxLength={5000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        data-testid="support-reply"
      />
      <div className="flex justify-end">
        <Button type="submit" loading={pending} disabled={!body.trim()} data-testid="support-reply-send">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
