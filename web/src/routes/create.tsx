import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../components/ui/load-error.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { CreateForm } from '../features/create/create-form.js';
import { useModels } from '../features/create/use-models.js';
import { GalleryGrid } from '../features/gallery/gallery-grid.js';
import { useGeneration } from '../features/generation/use-generation.js';
import { useMe, useMeta } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useAfterFirstPaint } from '../lib/use-after-first-paint.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /create?remix=<id> – the generator, with the latest creations beside it. */
export default function CreateRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const remixId = params.get('remix') ?? undefined;
  const models = useModels();
  const { data: me } = useMe();
  const { data: meta } = useMeta();
  const remix = useGeneration(remixId);
  useDocumentTitle(t('nav.create'));
  const showRecent = useAfterFirstPaint();

  const waitingForRemix = Boolean(remixId) && remix.isPending;
  // Image-only models (upscalers, background removal) belong on Tools, not here.
  const textModels = useMemo(() => models.data?.models.filter((m) => m.text) ?? [], [models.data]);

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader title={t('create.title')} description={remixId ? t('create.remixing') : t('create.subtitle')} />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
        <section aria-label={t('create.formLabel')}>
          {models.error ? (
            <LoadError error={models.error} onRetry={models.refetch} />
          ) : models.data && me && meta && !waitingForRemix ? (
            <CreateForm
              key={remixId ?? 'new'}
              userId={me.id}
              models={textModels}
              maxCount={models.data.maxCount}
              balance={me.credits}
              maxUploadBytes={meta.maxUploadBytes}
              remix={remix.data}
            />
          ) : (
            <Skeleton className="h-[36rem] rounded-2xl" />
          )}
        </section>
        <section aria-labelledby="recent-heading">
          <div className="mb-3 flex items-baseline justify-between">
            <h2 id="recent-heading" className="text-lg font-semibold">
              {t('create.recent')}
            </h2>
            <Link to="/gallery" className="text-sm font-medium text-violet-600 hover:underline dark:text-violet-400">
              {t('create.viewAll')}
            </Link>
          </div>
          {showRecent ? <GalleryGrid inlineEmpty /> : <Skeleton className="h-64" />}
        </section>
      </div>
    </div>
  );
}
