import { TrashIcon } from '../components/ui/icons.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Section } from '../components/ui/section.js';
import { DeleteUserForm } from '../features/admin/delete-user-form.js';
import { PrivacyQueue } from '../features/admin/privacy-queue.js';
import { useMe } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

/** /admin/privacy-requests – operators only: the privacy request queue and deleting a reported account. */
export default function AdminPrivacyRequestsRoute() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  useDocumentTitle(t('admin.title'));
  if (me?.role !== 'admin') return <NotFoundRoute />;
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-8 sm:px-6">
      <div>
        <PageHeader title={t('admin.title')} description={t('admin.subtitle')} />
        <PrivacyQueue />
      </div>
      <Section danger icon={<TrashIcon size={18} />} title={t('admin.deleteUserSection')} description={t('admin.deleteUserHint')}>
        <DeleteUserForm />
      </Section>
    </div>
  );
}
