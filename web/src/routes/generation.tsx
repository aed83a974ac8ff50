import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { buttonClass } from '../components/ui/button.js';
import { EmptyState } from '../components/ui/empty-state.js';
import { ErrorNotice } from '../components/ui/error-notice.js';
import { ArrowLeftIcon, GalleryIcon } from '../components/ui/icons.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { GenerationView } from '../features/generation/generation-view.js';
import { useGeneration } from '../features/generation/use-generation.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /g/:id – one generation. */
export default function GenerationRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data, error, isPending } = useGeneration(id);
  useDocumentTitle(data ? data.prompt.slice(0, 40) : t('nav.gallery'));

  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
      <Link
        to="/gallery"
        className="mb-4 inline-flex items-center gap-1.5 rounded-lg text-sm font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
      >
        <ArrowLeftIcon size={16} />
        {t('generation.back')}
      </Link>
      {data ? (
        <GenerationView generation={data} />
      ) : isPending ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)]">
          <Skeleton className="aspect-square rounded-2xl" />
          <Skeleton className="h-96 rounded-2xl" />
        </div>
      ) : error instanceof ApiError && error.status === 404 ? (
        <EmptyState
          icon={<GalleryIcon size={26} />}
          title={t('generation.notFoundTitle')}
          description={t('generation.notFoundBody')}
          action={
            <Link to="/gallery" className={buttonClass('primary')}>
              {t('generation.back')}
            </Link>
          }
        />
      ) : (
        <ErrorNotice error={error} />
      )}
    </div>
  );
}
