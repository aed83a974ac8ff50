import { PageHeader } from '../components/ui/page-header.js';
import { PrivacyQueue } from '../features/admin/privacy-queue.js';
import { useOperator } from '../features/admin/use-operator.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

/** /admin/privacy-requests – the privacy request queue (reported accounts are erased from their page under Users). */
export default function AdminPrivacyRequestsRoute() {
  const { t } = useTranslation();
  const { allowed } = useOperator('privacy');
  useDocumentTitle(t('admin.title'));
  if (!allowed) return <NotFoundRoute />;
  return (
    <div>
      <PageHeader title={t('admin.title')} description={t('admin.subtitle')} />
      <PrivacyQueue />
    </div>
  );
}
