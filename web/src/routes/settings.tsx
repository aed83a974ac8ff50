import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/ui/button.js';
import { Card } from '../components/ui/card.js';
import { LogOutIcon } from '../components/ui/icons.js';
import { PageHeader } from '../components/ui/page-header.js';
import { ProfileForm } from '../features/account/profile-form.js';
import { PreferencesForm } from '../features/preferences/preferences-form.js';
import { useMe, useSignOut } from '../features/session/use-session.js';
import { formatDate } from '../lib/format.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card className="p-5 sm:p-6">
      <h2 className="font-semibold">{title}</h2>
      {description && <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">{description}</p>}
      <div className="mt-4">{children}</div>
    </Card>
  );
}

/** /settings – display name, theme, language, and signing out. */
export default function SettingsRoute() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const signOut = useSignOut();
  useDocumentTitle(t('nav.settings'));
  if (!me) return null;

  return (
    <div className="mx-auto max-w-3xl space-y-5 px-4 py-8 sm:px-6">
      <PageHeader title={t('settings.title')} description={t('settings.subtitle')} />
      <Section title={t('settings.profile')} description={t('settings.profileHint')}>
        <ProfileForm me={me} />
      </Section>
      <Section title={t('settings.appearance')} description={t('settings.appearanceHint')}>
        <PreferencesForm />
      </Section>
      <Section title={t('settings.account')}>
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('auth.email')}</dt>
            <dd className="mt-0.5 font-medium break-all" data-testid="account-email">
              {me.email}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('settings.memberSince')}</dt>
            <dd className="mt-0.5 font-medium">{formatDate(me.createdAt, i18n.language)}</dd>
          </div>
        </dl>
        <Button
          variant="secondary"
          className="mt-5"
          icon={<LogOutIcon size={18} />}
          loading={signOut.isPending}
          onClick={() => signOut.mutate()}
        >
          {t('header.signOut')}
        </Button>
      </Section>
    </div>
  );
}
