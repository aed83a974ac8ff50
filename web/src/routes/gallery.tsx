import { Link } from 'react-router';
import { Button, buttonClass } from '../components/ui/button.js';
import { CheckIcon, SparklesIcon, TrashIcon } from '../components/ui/icons.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton, SkeletonGrid } from '../components/ui/skeleton.js';
import { AlbumsPanel } from '../features/gallery/albums-panel.js';
import { GalleryFilters, useGalleryFilters } from '../features/gallery/gallery-filters.js';
import { GalleryGrid } from '../features/gallery/gallery-grid.js';
import { useBulkSelection } from '../features/gallery/use-bulk-selection.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /gallery – every generation, newest first; searched and filtered from the address bar, with the user's albums above. */
export default function GalleryRoute() {
  const { t } = useTranslation();
  const selection = useBulkSelection();
  useDocumentTitle(t('nav.gallery'));
  const [filters] = useGalleryFilters();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader
        title={t('gallery.title')}
        description={t('gallery.subtitle')}
        actions={
          <>
            {!selection.active && (
              <Button variant="secondary" icon={<CheckIcon size={18} />} onClick={selection.start} data-testid="bulk-select">
                {t('gallery.bulk.select')}
              </Button>
            )}
            <Link to="/trash" className={buttonClass('secondary')} data-testid="trash-link">
              <TrashIcon size={18} />
              {t('trash.title')}
            </Link>
            <Link to="/create" className={buttonClass('primary')}>
              <SparklesIcon size={18} />
              {t('gallery.newCta')}
            </Link>
          </>
        }
      />
      <AlbumsPanel />
      <GalleryFilters />
      <GalleryGrid filters={filters} selection={selection} />
    </div>
  );
}

/**
 * /gallery before its data: the title and what the page is, drawn into the
 * page's HTML at build time; the controls and images as placeholders.
 */
export function Frame() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6" aria-busy="true">
      <PageHeader title={t('gallery.title')} description={t('gallery.subtitle')} actions={<Skeleton className="h-10 w-72 max-w-full" />} />
      <Skeleton className="h-11" />
      <SkeletonGrid className="mt-6" />
    </div>
  );
}
