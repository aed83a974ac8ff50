import { type FormEvent, useState } from 'react';
import type { CreatedWebhook, WebhookDelivery, WebhookEndpoint, WebhookEventType } from '../../api/contracts.js';
import { webhookEventTypes } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { Badge, type BadgeTone } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { CheckboxField, TextField } from '../../components/ui/field.js';
import { CopyIcon, TrashIcon } from '../../components/ui/icons.js';
import { Notice } from '../../components/ui/notice.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { useCreateWebhook, useDeleteWebhook, useResendDelivery, useWebhookDeliveries, useWebhooks } from './use-webhooks.js';

const statusTone: Record<WebhookDelivery['status'], BadgeTone> = { pending: 'progress', succeeded: 'success', failed: 'danger' };

/** Settings › Webhooks: the user's endpoints, adding one (its secret shown once), deleting, and each one's recent deliveries with Re-send. */
export function WebhooksSettings() {
  const { t } = useTranslation();
  const { data, isPending, error } = useWebhooks();
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  if (isPending) return <Skeleton className="h-32" />;
  if (error) return <ErrorNotice error={error} />;
  return (
    <div className="space-y-5" data-testid="webhooks">
      {created && <NewSecret webhook={created} onDone={() => setCreated(null)} />}
      {data.endpoints.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('webhooks.empty')}</p>
      ) : (
        <ul className="divide-y divide-zinc-900/5 dark:divide-white/5">
          {data.endpoints.map((e) => (
            <EndpointRow key={e.id} endpoint={e} />
          ))}
        </ul>
      )}
      {data.endpoints.length < data.max ? (
        <AddEndpoint onCreated={setCreated} />
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('webhooks.limit', { max: String(data.max) })}</p>
      )}
    </div>
  );
}

function NewSecret({ webhook, onDone }: { webhook: CreatedWebhook; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Notice
      tone="success"
      title={t('webhooks.secretTitle')}
      action={
        <Button size="sm" variant="secondary" onClick={onDone}>
          {t('webhooks.secretDone')}
        </Button>
      }
    >
      <p>{t('webhooks.secretHint')}</p>
      <div className="mt-2 flex items-center gap-2">
        <code
          className="min-w-0 flex-1 truncate rounded-lg bg-zinc-900/5 px-2 py-1 font-mono text-xs dark:bg-white/10"
          data-testid="webhook-secret"
        >
          {webhook.secret}
        </code>
        <Button
          size="sm"
          variant="ghost"
          icon={<CopyIcon size={16} />}
          onClick={() => void navigator.clipboard?.writeText(webhook.secret).then(() => toast.success(t('webhooks.copied')))}
        >
          {t('webhooks.copy')}
        </Button>
      </div>
    </Notice>
  );
}

function AddEndpoint({ onCreated }: { onCreated: (w: CreatedWebhook) => void }) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  // Both generation events to start with; credits.low is opt-in.
  const [events, setEvents] = useState<WebhookEventType[]>(() => webhookEventTypes.filter((e) => e.startsWith('generation')));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const toggle = (e: WebhookEventType, on: boolean) => setEvents((old) => (on ? [...old, e] : old.filter((x) => x !== e)));
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setFieldError(null);
    create.mutate(
      { url: url.trim(), events: webhookEventTypes.filter((e) => events.includes(e)) },
      {
        onSuccess: (w) => {
          setUrl('');
          onCreated(w);
        },
        onError: (err) => setFieldError(t(errorMessageKey(err))),
      },
    );
  };
  return (
    <form onSubmit={submit} className="space-y-3 border-t border-zinc-900/5 pt-4 dark:border-white/5" data-testid="add-webhook">
      <h3 className="text-sm font-semibold">{t('webhooks.add')}</h3>
      <TextField
        label={t('webhooks.url')}
        hint={t('webhooks.urlHint')}
        type="url"
        inputMode="url"
        required
        placeholder="https://example.com/animegen-hook"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={fieldError}
      />
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">{t('webhooks.events')}</legend>
        {webhookEventTypes.map((e) => (
          <CheckboxField
            key={e}
            label={t(`webhooks.event.${e}`)}
            checked={events.includes(e)}
            onChange={(ev) => toggle(e, ev.target.checked)}
          />
        ))}
      </fieldset>
      <Button type="submit" loading={create.isPending} disabled={events.length === 0 || !url.trim()}>
        {t('webhooks.addButton')}
      </Button>
    </form>
  );
}

function EndpointRow({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  const { t, i18n } = useTranslation();
  const remove = useDeleteWebhook();
  const [confirming, setConfirming] = useState(false);
  const [open, setOpen] = useState(false);
  return (
    <li className="py-3.5" data-testid="webhook">
      <div className="flex flex-wrap items-center gap-2">
        <p className="min-w-0 flex-1 truncate font-mono text-sm" title={e.url}>
          {e.url}
        </p>
        {e.enabled ? (
          e.failingSince && (
            <Badge tone="danger">{t('webhooks.failingSince', { when: formatDateTime(e.failingSince, i18n.language) })}</Badge>
          )
        ) : (
          <Badge tone="danger" dot>
            {t('webhooks.disabled')}
          </Badge>
        )}
        <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}
        </Button>
        <Button size="sm" variant="ghost" icon={<TrashIcon size={16} />} onClick={() => setConfirming(true)}>
          {t('webhooks.delete')}
        </Button>
      </div>
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{e.events.map((x) => t(`webhooks.event.${x}`)).join(' · ')}</p>
      {!e.enabled && <p className="mt-1 text-xs text-rose-600 dark:text-rose-400">{t('webhooks.disabledHint')}</p>}
      {open && <Deliveries endpointId={e.id} />}
      <ConfirmDialog
        open={confirming}
        title={t('webhooks.deleteTitle')}
        description={t('webhooks.deleteHint')}
        confirmLabel={t('webhooks.delete')}
        cancelLabel={t('webhooks.cancel')}
        tone="danger"
        busy={remove.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          remove.mutate(e.id, {
            onSuccess: () => {
              setConfirming(false);
              toast.success(t('webhooks.deleted'));
            },
            onError: (err) => toast.error(t(errorMessageKey(err))),
          })
        }
      />
    </li>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const { t, i18n } = useTranslation();
  const { data, isPending, error } = useWebhookDeliveries(endpointId);
  const resend = useResendDelivery(endpointId);
  if (isPending) return <Skeleton className="mt-3 h-16" />;
  if (error) return <ErrorNotice error={error} />;
  if (data.deliveries.length === 0) return <p className="mt-3 text-sm text-zinc-500 dark:text-zinc-400">{t('webhooks.noDeliveries')}</p>;
  return (
    <ul className="mt-3 space-y-2" data-testid="webhook-deliveries">
      {data.deliveries.map((d) => (
        <li
          key={d.id}
          className="flex flex-wrap items-center gap-2 rounded-xl bg-zinc-900/[0.03] px-3 py-2 text-sm dark:bg-white/5"
          data-testid="webhook-delivery"
        >
          <Badge tone={statusTone[d.status]}>{t(`webhooks.status.${d.status}`)}</Badge>
          <span className="font-medium">{t(`webhooks.event.${d.eventType}`)}</span>
          <span className="min-w-0 flex-1 truncate text-xs text-zinc-500 dark:text-zinc-400">
            {formatDateTime(d.createdAt, i18n.language)}
            {' · '}
            {t('webhooks.attempts', { count: d.attempts })}
            {d.lastStatusCode !== null ? ` · HTTP ${d.lastStatusCode}` : d.lastError ? ` · ${d.lastError}` : ''}
          </span>
          {d.status !== 'pending' && (
            <Button
              size="sm"
              variant="secondary"
              loading={resend.isPending && resend.variables === d.id}
              onClick={() =>
                resend.mutate(d.id, {
                  onSuccess: () => toast.success(t('webhooks.resent')),
                  onError: (err) => toast.error(t(errorMessageKey(err))),
                })
              }
            >
              {t('webhooks.resend')}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
