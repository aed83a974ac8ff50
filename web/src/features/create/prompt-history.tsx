import { useState } from 'react';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { TextField } from '../../components/ui/field.js';
import { TrashIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { usePromptHistory, usePromptHistoryMutations } from './use-presets.js';

/**
 * The last prompts this account sent (kept on the server, at most 200),
 * searchable; one can be put back into the prompt or forgotten. Loaded only
 * once the panel is opened.
 */
export function PromptHistory({ onReuse }: { onReuse: (prompt: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const history = usePromptHistory(q, open);
  const { remove, clear } = usePromptHistoryMutations();
  const items = history.data?.items ?? [];
  const failed = (err: unknown) => toast.error(t(errorMessageKey(err)));

  return (
    <details
      className="rounded-xl ring-1 ring-zinc-200 dark:ring-white/10"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="prompt-history"
    >
      <summary className="cursor-pointer rounded-xl px-3 py-2 text-sm font-medium text-zinc-800 select-none dark:text-zinc-200">
        {t('create.history.title')}
      </summary>
      {open && (
        <div className="space-y-3 px-3 pb-3">
          <TextField
            type="search"
            label={t('create.history.search')}
            value={q}
            maxLength={200}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              // Enter searches as you type already; it must not send the Create form.
              if (e.key === 'Enter') e.preventDefault();
            }}
            data-testid="history-search"
          />
          {history.isError ? (
            <p className="text-sm text-rose-600 dark:text-rose-400">{t(errorMessageKey(history.error))}</p>
          ) : items.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              {history.isPending ? t('create.history.loading') : q.trim() ? t('create.history.noMatch') : t('create.history.empty')}
            </p>
          ) : (
            <ul className="max-h-72 space-y-1 overflow-y-auto" aria-label={t('create.history.title')}>
              {items.map((item) => (
                <li
                  key={item.id}
                  className="flex items-start gap-2 rounded-lg p-1.5 hover:bg-zinc-900/5 dark:hover:bg-white/5"
                  data-testid="history-item"
                >
                  <p className="line-clamp-2 min-w-0 flex-1 text-sm break-words text-zinc-700 dark:text-zinc-300">{item.prompt}</p>
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => onReuse(item.prompt)}
                    aria-label={t('create.history.useLabel', { prompt: item.prompt.slice(0, 60) })}
                    data-testid="history-use"
                  >
                    {t('create.history.use')}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    icon={<TrashIcon size={14} />}
                    aria-label={t('create.history.deleteLabel', { prompt: item.prompt.slice(0, 60) })}
                    onClick={() => remove.mutate(item.id, { onError: failed })}
                    data-testid="history-delete"
                  />
                </li>
              ))}
            </ul>
          )}
          {items.length > 0 && !q.trim() && (
            <Button size="sm" variant="ghost" onClick={() => clear.mutate(undefined, { onError: failed })} data-testid="history-clear">
              {t('create.history.clear')}
            </Button>
          )}
        </div>
      )}
    </details>
  );
}
