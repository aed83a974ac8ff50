import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/ui/page-header.js';
import { SupportInbox } from '../features/admin/support-inbox.js';
import { useOperator } from '../features/admin/use-operator.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

/** /admin/support – the support inbox (inside the console's frame), for roles with the support permission; `?id=` opens a request. */
export default function AdminSupportRoute() {
  const { t } = useTranslation();
  const { allowed } = useOperator('support');
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('admin.support.title'));
  if (!allowed) return <NotFoundRoute />;
  return (
    <div>
      <PageHeader title={t('admin.support.title')} description={t('admin.support.subtitle')} />
      <SupportInbox selected={params.get('id')} onSelect={(id) => setParams({ id })} />
    </div>
  );
}
