import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { startProviderSignIn } from '../../api/auth.js';
import { providerErrorKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { useMeta } from '../session/use-session.js';

/**
 * "Continue with …" for each sign-in provider the server offers (Meta.signInProviders).
 * The public pages are prerendered without them (the build cannot know the
 * server's providers), so they arrive with /api/meta after hydration: placed
 * at the end of the page, below everything else, they move nothing already
 * on screen. Nothing at all on a server with no providers.
 */
export function ProviderSignIn({ next, page }: { next: string; page: '/sign-in' | '/sign-up' }) {
  const { t } = useTranslation();
  const { data: meta } = useMeta();
  const start = useMutation({
    mutationFn: startProviderSignIn,
    onSuccess: (url) => window.location.assign(url),
  });
  const providers = meta?.signInProviders ?? [];
  if (providers.length === 0) return null;
  return (
    <section className="mt-8" aria-label={t('auth.providers.label')} data-testid="sign-in-providers">
      <div className="flex items-center gap-3 text-xs font-medium text-zinc-500 dark:text-zinc-400" aria-hidden="true">
        <span className="h-px flex-1 bg-zinc-200 dark:bg-white/10" />
        {t('auth.providers.or')}
        <span className="h-px flex-1 bg-zinc-200 dark:bg-white/10" />
      </div>
      <ErrorNotice error={start.error} className="mt-4" />
      <div className="mt-4 grid gap-2">
        {providers.map((p) => (
          <Button
            key={p.id}
            variant="secondary"
            className="w-full"
            loading={start.isPending && start.variables?.provider === p.id}
            disabled={start.isPending}
            onClick={() => start.mutate({ provider: p.id, next, errorPage: page })}
            data-testid={`sign-in-with-${p.id}`}
          >
            {t('auth.providers.continueWith', { name: p.name ?? t('auth.providers.sso') })}
          </Button>
        ))}
      </div>
    </section>
  );
}

/**
 * Why a provider sign-in came back without a session (`?error=<code>` on the
 * sign-in or sign-up page). Read after hydration: the prerendered page has
 * no query string, and the first render must match it.
 */
export function ProviderSignInError({ className }: { className?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const code = mounted ? params.get('error') : null;
  if (!code) return null;
  return (
    <Notice tone="danger" role="alert" className={className} data-testid="provider-error">
      {t(providerErrorKey(code))}
    </Notice>
  );
}
