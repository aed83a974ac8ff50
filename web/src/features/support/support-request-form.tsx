import { type FormEvent, useState } from 'react';
import { type SupportCategory, type SupportThread, supportCategories } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { SelectField, TextArea, TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { useCreateSupportRequest } from './use-support.js';

const MIN_SUBJECT = 3;
const MIN_MESSAGE = 10;

/**
 * A new support request: what it is about, a subject and the message. A
 * generation the user came from ("Get help with this") travels with it, shown
 * so the user knows what we will see.
 */
export function SupportRequestForm({
  generationId,
  initialCategory,
  onCreated,
}: {
  generationId?: string;
  initialCategory?: SupportCategory;
  onCreated: (created: SupportThread) => void;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<SupportCategory>(initialCategory ?? (generationId ? 'generation' : 'other'));
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [linked, setLinked] = useState(Boolean(generationId));
  const [errors, setErrors] = useState<{ subject?: string; message?: string }>({});
  const create = useCreateSupportRequest();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (subject.trim().length < MIN_SUBJECT) next.subject = t('support.subjectTooShort', { count: MIN_SUBJECT });
    if (message.trim().length < MIN_MESSAGE) next.message = t('support.messageTooShort', { count: MIN_MESSAGE });
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    create.mutate(
      {
        category,
        subject: subject.trim(),
        message: message.trim(),
        ...(linked && generationId ? { generationId } : {}),
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="support-form">
      <ErrorNotice error={create.error} data-testid="form-error" />
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <SelectField
          label={t('support.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value as SupportCategory)}
          data-testid="support-category"
        >
          {supportCategories.map((c) => (
            <option key={c} value={c}>
              {t(`support.categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('support.subject')}
          value={subject}
          maxLength={200}
          error={errors.subject}
          onChange={(e) => setSubject(e.target.value)}
          data-testid="support-subject"
        />
      </div>
      <TextArea
        label={t('support.message')}
        rows={6}
        maxLength={5000}
        value={message}
        error={errors.message}
        placeholder={t('support.messagePlaceholder')}
        onChange={(e) => setMessage(e.target.value)}
        data-testid="support-message"
      />
      {generationId && (
        <label className="flex items-start gap-2 text-sm" data-testid="support-linked-generation">
          <input type="checkbox" className="mt-0.5" checked={linked} onChange={(e) => setLinked(e.target.checked)} />
          <span>{t('support.linkGeneration')}</span>
        </label>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('support.answerByMail')}</p>
        <Button type="submit" loading={create.isPending} data-testid="support-submit">
          {t('support.submit')}
        </Button>
      </div>
    </form>
  );
}
