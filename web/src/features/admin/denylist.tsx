import { type FormEvent, useState } from 'react';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { CloseIcon } from '../../components/ui/icons.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDate } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { ConsoleLoadError } from './two-factor-required.js';
import { useAddDenylistTerm, useDenylist, useRemoveDenylistTerm } from './use-console.js';

/** The operators' own refused terms: add one (with an optional reason for the audit log), remove one. */
export function Denylist() {
  const { t, i18n } = useTranslation();
  const { data, isPending, error, refetch } = useDenylist();
  const add = useAddDenylistTerm();
  const remove = useRemoveDenylistTerm();
  const [term, setTerm] = useState('');
  const [reason, setReason] = useState('');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const value = term.trim();
    if (value.length < 2) return;
    add.mutate(
      { term: value, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          setTerm('');
          setReason('');
          toast.success(t('console.denylist.added', { term: value }));
        },
      },
    );
  };

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto] sm:items-end" noValidate>
        <TextField
          label={t('console.denylist.term')}
          value={term}
          onChange={(e) => setTerm(e.target.value)}
          maxLength={100}
          autoComplete="off"
          data-testid="denylist-term"
        />
        <TextField
          label={t('console.denylist.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          data-testid="denylist-reason"
        />
        <Button type="submit" loading={add.isPending} disabled={term.trim().length < 2} data-testid="denylist-add">
          {t('console.denylist.add')}
        </Button>
      </form>
      <ErrorNotice error={add.error} />
      <div className="min-h-8">
        {isPending ? (
          <Skeleton className="h-8" />
        ) : error ? (
          <ConsoleLoadError error={error} onRetry={refetch} />
        ) : data.terms.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('console.denylist.empty')}</p>
        ) : (
          <ul className="flex flex-wrap gap-2" data-testid="denylist-terms">
            {data.terms.map((d) => (
              <li
                key={d.id}
                className="inline-flex items-center gap-1 rounded-full bg-zinc-900/[0.05] py-1 pr-1 pl-3 text-sm dark:bg-white/10"
                title={t('console.denylist.since', { date: formatDate(d.createdAt, i18n.language) })}
                data-testid="denylist-entry"
              >
                <span className="font-mono">{d.term}</span>
                <button
                  type="button"
                  className="grid size-6 place-items-center rounded-full text-zinc-500 hover:bg-zinc-900/10 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-violet-500 dark:text-zinc-400 dark:hover:bg-white/10 dark:hover:text-white"
                  aria-label={t('console.denylist.remove', { term: d.term })}
                  disabled={remove.isPending && remove.variables === d.id}
                  onClick={() => remove.mutate(d.id, { onError: (err) => toast.error(t(errorMessageKey(err))) })}
                >
                  <CloseIcon size={14} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
