import { useLocation } from 'react-router';
import type { LegalSlug } from '../api/contracts.js';
import { Card } from '../components/ui/card.js';
import { LoadError } from '../components/ui/load-error.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { LegalProse } from '../features/legal/legal-prose.js';
import { LegalTabs } from '../features/legal/legal-tabs.js';
import { LiveConfiguration } from '../features/legal/live-configuration.js';
import { useLegalDocument } from '../features/legal/use-legal.js';
import { useTranslation } from '../i18n/react.js';
import { formatDay } from '../lib/format.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

const slugs: readonly LegalSlug[] = ['privacy', 'terms', 'cookies'];

/** /privacy, /terms, /cookies – public pages in our own words, with version and date; privacy adds live configuration. */
export default function LegalRoute() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const slug = slugs.find((s) => pathname === `/${s}`) ?? 'privacy';
  const { data: doc, error, refetch } = useLegalDocument(slug);
  const title = doc?.title ?? t(`legal.${slug}`);
  useDocumentTitle(title);

  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      <LegalTabs />
      {error ? (
        <LoadError error={error} onRetry={refetch} />
      ) : !doc ? (
        // As tall as the screen: the text that replaces it is longer, so the footer never jumps into view.
        <Card className="min-h-dvh space-y-4 p-6 sm:p-10" aria-busy="true">
          <Skeleton className="h-9 w-2/3" />
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-5/6" />
          <Skeleton className="h-4 w-4/6" />
        </Card>
      ) : (
        <article data-testid="legal-document" data-slug={doc.slug}>
          <Card className="p-6 sm:p-10">
            <header className="border-b border-zinc-900/5 pb-6 dark:border-white/10">
              <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{title}</h1>
              <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm text-zinc-500 dark:text-zinc-400">
                <div className="flex gap-1.5">
                  <dt>{t('legal.version')}</dt>
                  <dd className="font-semibold text-zinc-700 dark:text-zinc-200" data-testid="legal-version">
                    {doc.version}
                  </dd>
                </div>
                <div className="flex gap-1.5">
                  <dt>{t('legal.updated')}</dt>
                  <dd className="font-semibold text-zinc-700 dark:text-zinc-200">
                    <time dateTime={doc.updated} data-testid="legal-updated">
                      {formatDay(doc.updated, i18n.language)}
                    </time>
                  </dd>
                </div>
              </dl>
              {i18n.language !== 'en' && <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">{t('legal.englishOnly')}</p>}
            </header>
            <div className="pt-2" lang="en">
              <LegalProse html={doc.html} />
            </div>
          </Card>
          {slug === 'privacy' && <LiveConfiguration doc={doc} />}
        </article>
      )}
    </div>
  );
}
