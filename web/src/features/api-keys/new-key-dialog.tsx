import { useEffect, useId, useRef, useState } from 'react';
import type { CreatedApiKey } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { controlClass } from '../../components/ui/field.js';
import { CheckIcon, CopyIcon } from '../../components/ui/icons.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { copyToClipboard } from '../../lib/clipboard.js';
import { cn } from '../../lib/cn.js';
import { toast } from '../../lib/toast.js';

/**
 * The key just made, shown this once: a read-only field, Copy and Done, on the
 * native modal <dialog> (focus moves to the field, the page behind is inert).
 * Escape and the backdrop do not close it: Done is the one deliberate way out.
 */
export function NewKeyDialog({ created, onDone }: { created: CreatedApiKey | null; onDone: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const titleId = useId();
  const fieldId = useId();
  const warningId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (created && !dialog.open) {
      setCopied(false);
      dialog.showModal();
      fieldRef.current?.focus();
      fieldRef.current?.select();
    }
    if (!created && dialog.open) dialog.close();
  }, [created]);

  const copy = async () => {
    if (!created) return;
    if (await copyToClipboard(created.key)) setCopied(true);
    else toast.error(t('apiKeys.created.copyFailed'));
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={warningId}
      onCancel={(e) => e.preventDefault()}
      onClose={onDone}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl bg-white p-0 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/10 open:animate-fade-in dark:bg-ink-850 dark:text-zinc-100 dark:ring-white/10"
      data-testid="new-api-key"
    >
      <div className="p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {t('apiKeys.created.title', { name: created?.name ?? '' })}
        </h2>
        <div id={warningId} className="mt-3">
          <Notice tone="warning">{t('apiKeys.created.warning')}</Notice>
        </div>
        <label htmlFor={fieldId} className="mt-4 mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {t('apiKeys.created.label')}
        </label>
        <div className="flex gap-2">
          <input
            ref={fieldRef}
            id={fieldId}
            readOnly
            value={created?.key ?? ''}
            spellCheck={false}
            autoComplete="off"
            onFocus={(e) => e.currentTarget.select()}
            className={cn(controlClass, 'min-w-0 flex-1 font-mono text-xs')}
            data-testid="new-api-key-value"
          />
          <Button
            variant="secondary"
            icon={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
            onClick={() => void copy()}
            data-testid="copy-api-key"
          >
            {copied ? t('apiKeys.created.copied') : t('apiKeys.created.copy')}
          </Button>
        </div>
        <p className="sr-only" aria-live="polite">
          {copied ? t('apiKeys.created.copied') : ''}
        </p>
        <div className="mt-6 flex justify-end">
          <Button onClick={onDone} data-testid="api-key-done">
            {t('apiKeys.created.done')}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
