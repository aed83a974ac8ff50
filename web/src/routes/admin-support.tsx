import { useSearchParams } from 'react-router';
import { may } from '../../../src/contracts/operators.js';
import { PageHeader } from '../components/ui/page-header.js';
import { SupportInbox } from '../features/admin/support-inbox.js';
import { useMe } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

/** /admin/support – the support inbox, for operators whose role has the support permission; `?id=` opens a request. */
export default function AdminSupportRoute() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('admin.support.title'));
  if (!me || !may(me.role, 'support')) return <NotFoundRoute />;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader title={t('admin.support.title')} description={t('admin.support.subtitle')} />
      <SupportInbox selected={params.get('id')} onSelect={(id) => setParams({ id })} />
    </div>
  );
}
