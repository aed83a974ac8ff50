import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, buttonClass } from '../components/ui/button.js';
import {
  ArchiveIcon,
  DesktopIcon,
  GlobeIcon,
  KeyIcon,
  LockIcon,
  LogOutIcon,
  MailIcon,
  MessageIcon,
  SettingsIcon,
  ShieldIcon,
  TrashIcon,
  UserIcon,
} from '../components/ui/icons.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Section } from '../components/ui/section.js';
import { ChangeEmail } from '../features/account/change-email.js';
import { DeleteAccount } from '../features/account/delete-account.js';
import { DownloadSettings } from '../features/account/download-settings.js';
import { MatureContent } from '../features/account/mature-content.js';
import { ProfileForm } from '../features/account/profile-form.js';
import { SettingsNav } from '../features/account/settings-nav.js';
import { isOperator } from '../features/admin/permissions.js';
import { ApiKeys } from '../features/api-keys/api-keys.js';
import { PreferencesForm } from '../features/preferences/preferences-form.js';
import { DataExport } from '../features/privacy/data-export.js';
import { MyPrivacyRequests } from '../features/privacy/my-privacy-requests.js';
import { PrivacyRequestForm } from '../features/privacy/privacy-request-form.js';
import { ChangePasswordForm } from '../features/security/change-password-form.js';
import { Passkeys } from '../features/security/passkeys.js';
import { SessionsList } from '../features/security/sessions-list.js';
import { TwoFactor } from '../features/security/two-factor.js';
import { useMe, useMeta, useSignOut } from '../features/session/use-session.js';
import { WebhooksSettings } from '../features/webhooks/webhooks-settings.js';
import { useTranslation } from '../i18n/react.js';
import { formatDate } from '../lib/format.js';
import { toast } from '../lib/toast.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

const sections = [
  { id: 'profile', key: 'settings.profile', icon: UserIcon },
  { id: 'appearance', key: 'settings.appearance', icon: SettingsIcon },
  { id: 'security', key: 'security.title', icon: LockIcon },
  { id: 'sessions', key: 'sessions.title', icon: DesktopIcon },
  { id: 'api-keys', key: 'apiKeys.title', icon: KeyIcon },
  { id: 'webhooks', key: 'webhooks.title', icon: GlobeIcon },
  { id: 'data', key: 'dataExport.title', icon: ArchiveIcon },
  { id: 'privacy', key: 'privacyRequest.settingsTitle', icon: MessageIcon },
  { id: 'support', key: 'support.title', icon: MailIcon },
  { id: 'account', key: 'settings.account', icon: ShieldIcon },
  { id: 'delete', key: 'account.delete.zone', icon: TrashIcon },
] as const;

/** Back from the e-mailed link of an address change (`?email=changed`): say so once. */
function useEmailChangedNotice() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const changed = params.get('email') === 'changed';
  useEffect(() => {
    if (!changed) return;
    toast.success(t('account.email.changed'));
    setParams({}, { replace: true });
  }, [changed, setParams, t]);
}

/** /settings – profile, appearance, security, sessions, API keys, webhooks, data, privacy requests, help and the account itself. */
export default function SettingsRoute() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const { data: meta } = useMeta();
  const signOut = useSignOut();
  useDocumentTitle(t('nav.settings'));
  useEmailChangedNotice();
  if (!me) return null;

  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <PageHeader title={t('settings.title')} description={t('settings.subtitle')} />
      <div className="lg:grid lg:grid-cols-[13rem_1fr] lg:gap-8">
        <SettingsNav items={sections} />

        <div className="min-w-0 space-y-5">
          <Section id="profile" icon={<UserIcon size={18} />} title={t('settings.profile')} description={t('settings.profileHint')}>
            <div className="space-y-6">
              <ProfileForm me={me} />
              <div className="border-t border-zinc-900/5 pt-5 dark:border-white/5">
                <ChangeEmail me={me} />
              </div>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {t('settings.memberSince')} {formatDate(me.createdAt, i18n.language)}
              </p>
            </div>
          </Section>

          <Section
            id="appearance"
            icon={<SettingsIcon size={18} />}
            title={t('settings.appearance')}
            description={t('settings.appearanceHint')}
          >
            <PreferencesForm />
            <DownloadSettings me={me} />
            <MatureContent me={me} />
          </Section>

          <Section id="security" icon={<LockIcon size={18} />} title={t('security.title')} description={t('security.subtitle')}>
            <h3 className="mb-3 text-sm font-semibold">{t('security.password.title')}</h3>
            {me.hasPassword ? (
              <ChangePasswordForm />
            ) : (
              // Made by a sign-in provider: a password (which two-factor sign-in needs) comes from a reset link.
              <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-password">
                {t('security.password.none')}{' '}
                <Link to="/forgot-password" className="font-semibold text-violet-600 hover:underline dark:text-violet-400">
                  {t('security.password.setOne')}
                </Link>
              </p>
            )}
            <div className="mt-6 border-t border-zinc-900/5 pt-5 dark:border-white/5" data-testid="two-factor">
              <h3 className="mb-1 text-sm font-semibold">{t('security.twoFactor.title')}</h3>
              <p className="mb-4 text-sm text-zinc-500 dark:text-zinc-400">{t('security.twoFactor.subtitle')}</p>
              <TwoFactor me={me} />
            </div>
            <div className="mt-6 border-t border-zinc-900/5 pt-5 dark:border-white/5" data-testid="passkeys-section">
              <h3 className="mb-1 text-sm font-semibold">{t('security.passkeys.title')}</h3>
              <p className="mb-4 text-sm text-zinc-500 dark:text-zinc-400">{t('security.passkeys.subtitle')}</p>
              <Passkeys />
            </div>
          </Section>

          <Section id="sessions" icon={<DesktopIcon size={18} />} title={t('sessions.title')} description={t('sessions.subtitle')}>
            <SessionsList />
          </Section>

          <Section id="api-keys" icon={<KeyIcon size={18} />} title={t('apiKeys.title')} description={t('apiKeys.subtitle')}>
            <ApiKeys />
          </Section>

          <Section id="webhooks" icon={<GlobeIcon size={18} />} title={t('webhooks.title')} description={t('webhooks.subtitle')}>
            <WebhooksSettings />
          </Section>

          <Section id="data" icon={<ArchiveIcon size={18} />} title={t('dataExport.title')} description={t('dataExport.subtitle')}>
            <DataExport />
          </Section>

          <Section
            id="privacy"
            icon={<MessageIcon size={18} />}
            title={t('privacyRequest.settingsTitle')}
            description={
              <>
                {t('privacyRequest.settingsHint')}{' '}
                {meta?.privacyContact && (
                  <a
                    href={`mailto:${meta.privacyContact}`}
                    className="font-semibold text-violet-700 hover:underline dark:text-violet-300"
                    data-testid="privacy-contact"
                  >
                    {meta.privacyContact}
                  </a>
                )}
              </>
            }
          >
            <PrivacyRequestForm signedIn />
            <MyPrivacyRequests />
          </Section>

          <Section id="support" icon={<MailIcon size={18} />} title={t('support.title')} description={t('support.settingsHint')}>
            <Link to="/support" className={buttonClass('secondary')} data-testid="support-link">
              {t('support.open')}
            </Link>
          </Section>

          {isOperator(me.role) && (
            <Section id="operator" icon={<ShieldIcon size={18} />} title={t('console.title')} description={t('admin.settingsHint')}>
              <Link to="/admin" className={buttonClass('secondary')} data-testid="admin-link">
                {t('admin.open')}
              </Link>
            </Section>
          )}

          <Section id="account" icon={<ShieldIcon size={18} />} title={t('settings.account')} description={t('settings.accountHint')}>
            <Button variant="secondary" icon={<LogOutIcon size={18} />} loading={signOut.isPending} onClick={() => signOut.mutate()}>
              {t('header.signOut')}
            </Button>
          </Section>

          <Section
            id="delete"
            danger
            icon={<TrashIcon size={18} />}
            title={t('account.delete.zone')}
            description={t('account.delete.zoneHint')}
          >
            <DeleteAccount />
          </Section>
        </div>
      </div>
    </div>
  );
}
