import { type FormEvent, useState } from 'react';
import { type PrivacyRequest, type PrivacyRequestKind, privacyRequestKinds } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { SelectField, TextArea, TextField } from '../../components/ui/field.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDate } from '../../lib/format.js';
import { useCreatePrivacyRequest } from './use-privacy-requests.js';

const MIN_MESSAGE = 10;

/**
 * A privacy request: objection, access question, deletion, a suspected child
 * account or anything else. Signed out, it asks for an address to answer to.
 */
export function PrivacyRequestForm({ signedIn, initialKind }: { signedIn: boolean; initialKind?: PrivacyRequestKind }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<PrivacyRequestKind>(initialKind ?? 'access');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<{ email?: string; message?: string }>({});
  const [sent, setSent] = useState<PrivacyRequest | null>(null);
  const create = useCreatePrivacyRequest();

  if (sent) {
    return (
      <Notice
        tone="success"
        role="status"
        title={t('privacyRequest.sentTitle')}
        data-testid="privacy-request-sent"
        action={
          <Button variant="secondary" size="sm" onClick={() => setSent(null)}>
            {t('privacyRequest.another')}
          </Button>
        }
      >
        {t(signedIn ? 'privacyRequest.sentBodySignedIn' : 'privacyRequest.sentBody', {
          date: formatDate(sent.dueAt, i18n.language),
          email: sent.email,
        })}
      </Notice>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!signedIn && !/^\S+@\S+\.\S+$/.test(email.trim())) next.email = t('errors.auth.invalidEmail');
    if (message.trim().length < MIN_MESSAGE) next.message = t('privacyRequest.messageTooShort', { count: MIN_MESSAGE });
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    create.mutate(
      { kind, message: message.trim(), ...(signedIn ? {} : { email: email.trim() }) },
      {
        onSuccess: (r) => {
          setSent(r);
          setMessage('');
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="privacy-request-form">
      <ErrorNotice error={create.error} data-testid="form-error" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('privacyRequest.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as PrivacyRequestKind)}
          data-testid="privacy-request-kind"
          wrapperClassName={signedIn ? 'sm:col-span-2' : undefined}
        >
          {privacyRequestKinds.map((k) => (
            <option key={k} value={k}>
              {t(`privacyRequest.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        {!signedIn && (
          <TextField
            label={t('privacyRequest.email')}
            type="email"
            autoComplete="email"
            value={email}
            error={errors.email}
            hint={t('privacyRequest.emailHint')}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </div>
      <p className="-mt-1 text-xs text-zinc-500 dark:text-zinc-400">{t(`privacyRequest.kindHints.${kind}`)}</p>
      <TextArea
        label={t('privacyRequest.message')}
        rows={5}
        maxLength={5000}
        value={message}
        error={errors.message}
        placeholder={t('privacyRequest.messagePlaceholder')}
        onChange={(e) => setMessage(e.target.value)}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('privacyRequest.answerWithin')}</p>
        <Button type="submit" loading={create.isPending} data-testid="privacy-request-submit">
          {t('privacyRequest.submit')}
        </Button>
      </div>
    </form>
  );
}
