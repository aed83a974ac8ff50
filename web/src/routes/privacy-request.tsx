import { Link, useSearchParams } from 'react-router';
import type { PrivacyRequestKind } from '../api/contracts.js';
import { privacyRequestKinds } from '../api/contracts.js';
import { Card } from '../components/ui/card.js';
import { MessageIcon } from '../components/ui/icons.js';
import { PrivacyRequestForm } from '../features/privacy/privacy-request-form.js';
import { useMe, useMeta } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /privacy-request?kind=child_account – for anyone, signed in or not (e.g. a parent reporting a child's account). */
export default function PrivacyRequestRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { data: me, isPending } = useMe();
  const { data: meta } = useMeta();
  useDocumentTitle(t('privacyRequest.title'));
  const asked = params.get('kind');
  const initialKind = privacyRequestKinds.find((k): k is PrivacyRequestKind => k === asked);

  return (
    <div className="mx-auto max-w-2xl px-4 py-8 sm:px-6 sm:py-12">
      <div className="mb-6 flex items-start gap-4">
        <span className="grid size-12 shrink-0 place-items-center rounded-2xl bg-accent-gradient text-white shadow-lg shadow-sakura-500/25">
          <MessageIcon size={24} />
        </span>
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('privacyRequest.title')}</h1>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t('privacyRequest.subtitle')}</p>
        </div>
      </div>
      <Card className="p-5 sm:p-7">
        {me && (
          <p className="mb-4 rounded-xl bg-zinc-900/[0.03] px-3.5 py-2.5 text-sm text-zinc-600 dark:bg-white/5 dark:text-zinc-300">
            {t('privacyRequest.signedInAs', { email: me.email })}{' '}
            <Link to="/settings#privacy" className="font-semibold text-violet-700 hover:underline dark:text-violet-300">
              {t('privacyRequest.seeMine')}
            </Link>
          </p>
        )}
        {!isPending && <PrivacyRequestForm signedIn={Boolean(me)} initialKind={initialKind} />}
      </Card>
      <p className="mt-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
        {meta?.privacyContact && (
          <>
            {t('privacyRequest.orWrite')}{' '}
            <a href={`mailto:${meta.privacyContact}`} className="font-semibold text-violet-700 hover:underline dark:text-violet-300">
              {meta.privacyContact}
            </a>
            {' · '}
          </>
        )}
        <Link to="/privacy" className="font-semibold text-violet-700 hover:underline dark:text-violet-300">
          {t('legal.privacy')}
        </Link>
      </p>
    </div>
  );
}
