import { type ReactNode, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../components/ui/load-error.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { CreateForm } from '../features/create/create-form.js';
import { FormFrame } from '../features/create/form-frame.js';
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
    <CreateLayout
      description={remixId ? t('create.remixing') : t('create.subtitle')}
      form={
        models.error ? (
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
          <FormFrame />
        )
      }
      recent={showRecent ? <GalleryGrid inlineEmpty /> : <Skeleton className="h-64" />}
    />
  );
}

/**
 * /create before its data: the page as it will be, with the prompt box in its
 * place (read-only until the form takes over). Drawn into the page's HTML at
 * build time, so a phone shows it before any script has run.
 */
export function Frame() {
  const { t } = useTranslation();
  return <CreateLayout description={t('create.subtitle')} form={<FormFrame />} recent={<Skeleton className="h-64" />} />;
}

function CreateLayout({ description, form, recent }: { description: string; form: ReactNode; recent: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader title={t('create.title')} description={description} />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
        <section aria-label={t('create.formLabel')}>{form}</section>
        <section aria-labelledby="recent-heading">
          <div className="mb-3 flex items-baseline justify-between">
            <h2 id="recent-heading" className="text-lg font-semibold">
              {t('create.recent')}
            </h2>
            <Link to="/gallery" className="text-sm font-medium text-violet-600 hover:underline dark:text-violet-400">
              {t('create.viewAll')}
            </Link>
          </div>
          {recent}
        </section>
      </div>
    </div>
  );
}
