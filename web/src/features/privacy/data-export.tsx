import { ApiError } from '../../api/client.js';
import type { DataExport as Export } from '../../api/contracts.js';
import { Badge, type BadgeTone } from '../../components/ui/badge.js';
import { Button, buttonClass } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { ArchiveIcon, DownloadIcon } from '../../components/ui/icons.js';
import { Notice } from '../../components/ui/notice.js';
import { ProgressBar } from '../../components/ui/progress-bar.js';
import { useTranslation } from '../../i18n/react.js';
import { formatBytes, formatDateTime, formatRelative } from '../../lib/format.js';
import { isActive, useExportProgress, useExports, useRequestExport } from './use-data-export.js';

const tones: Record<Export['status'], BadgeTone> = { queued: 'info', running: 'progress', ready: 'success', failed: 'danger' };

function ExportRow({ item }: { item: Export }) {
  const { t, i18n } = useTranslation();
  const expired = item.status === 'ready' && !item.downloadUrl;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3" data-testid="export-row" data-status={item.status}>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium">{formatDateTime(item.createdAt, i18n.language)}</p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {item.bytes !== null && `${formatBytes(item.bytes, i18n.language)} · `}
          {expired || !item.expiresAt
            ? t(expired ? 'dataExport.expired' : 'dataExport.notReady')
            : t('dataExport.expires', { when: formatRelative(item.expiresAt, i18n.language) })}
        </p>
      </div>
      <Badge tone={expired ? 'neutral' : tones[item.status]} dot pulse={isActive(item)}>
        {t(expired ? 'dataExport.status.expired' : `dataExport.status.${item.status}`)}
      </Badge>
      {item.downloadUrl && (
        <a
          href={item.downloadUrl}
          download
          className={buttonClass('ghost', 'sm')}
          aria-label={t('dataExport.downloadLabel', { date: formatDateTime(item.createdAt, i18n.language) })}
        >
          <DownloadIcon size={16} />
        </a>
      )}
    </li>
  );
}

/** "Download my data": one click starts the export, progress while it runs, then the ZIP. */
export function DataExport() {
  const { t } = useTranslation();
  const { data } = useExports();
  const request = useRequestExport();
  const exports = data?.exports ?? [];
  const latest = exports[0];
  const { data: live } = useExportProgress(latest && isActive(latest) ? latest.id : undefined);
  const current = live && live.id === latest?.id ? live : latest;
  const limited = request.error instanceof ApiError && request.error.status === 429;

  return (
    <div className="space-y-5">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('dataExport.body')}</p>

      {current && isActive(current) ? (
        <div
          className="rounded-xl bg-violet-50/70 p-4 ring-1 ring-violet-200/70 dark:bg-violet-400/5 dark:ring-violet-400/20"
          data-testid="export-progress"
        >
          <div className="mb-2 flex items-center justify-between text-sm">
            <span className="font-medium">{t(current.status === 'queued' ? 'dataExport.queued' : 'dataExport.running')}</span>
            <span className="font-semibold tabular-nums" data-testid="export-percent">
              {current.progress}%
            </span>
          </div>
          <ProgressBar value={current.progress} label={t('dataExport.progressLabel')} />
        </div>
      ) : current?.status === 'ready' && current.downloadUrl ? (
        <Notice
          tone="success"
          role="status"
          title={t('dataExport.readyTitle')}
          data-testid="export-ready"
          action={
            <a href={current.downloadUrl} download className={buttonClass('primary', 'sm')} data-testid="export-download">
              <DownloadIcon size={16} />
              {t('dataExport.download')}
            </a>
          }
        >
          {t('dataExport.readyBody')}
        </Notice>
      ) : current?.status === 'failed' ? (
        <Notice tone="danger" role="alert">
          {t('dataExport.failed')}
        </Notice>
      ) : null}

      <ErrorNotice
        error={request.error}
        tone={limited ? 'warning' : 'danger'}
        messageKey={limited ? 'dataExport.oncePerHour' : undefined}
        data-testid="export-error"
      />

      <Button
        variant="secondary"
        icon={<ArchiveIcon size={18} />}
        loading={request.isPending}
        disabled={Boolean(current && isActive(current))}
        onClick={() => request.mutate()}
        data-testid="request-export"
      >
        {t('dataExport.request')}
      </Button>

      {exports.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">{t('dataExport.recent')}</h3>
          <ul className="mt-1 divide-y divide-zinc-900/5 dark:divide-white/5" data-testid="exports">
            {exports.slice(0, 5).map((e) => (
              <ExportRow key={e.id} item={e.id === current?.id ? current : e} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
