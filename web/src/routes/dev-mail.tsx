import { EmptyState } from '../components/ui/empty-state.js';
import { MailIcon } from '../components/ui/icons.js';
import { Notice } from '../components/ui/notice.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { MailCard } from '../features/dev-mail/mail-card.js';
import { useDevMail } from '../features/dev-mail/use-dev-mail.js';
import { useMeta } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /dev/mail – the development mailbox (outside production only). */
export default function DevMailRoute() {
  const { t } = useTranslation();
  const { data: meta } = useMeta();
  const enabled = meta?.devMail ?? false;
  const { data, isPending } = useDevMail(enabled);
  useDocumentTitle(t('devMail.title'));

  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <PageHeader title={t('devMail.title')} description={t('devMail.description')} />
      {meta && !enabled ? (
        <Notice tone="warning">{t('devMail.disabled')}</Notice>
      ) : isPending ? (
        <div className="space-y-4">
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
        </div>
      ) : data?.messages.length ? (
        <div className="space-y-4" aria-live="polite">
          {data.messages.map((m) => (
            <MailCard key={m.id} mail={m} />
          ))}
        </div>
      ) : (
        <EmptyState icon={<MailIcon />} title={t('devMail.empty')} description={t('devMail.emptyHint')} />
      )}
    </div>
  );
}
