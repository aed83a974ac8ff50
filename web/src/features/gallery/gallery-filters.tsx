import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { GenerationStatus } from '../../api/contracts.js';
import { modelsQuery } from '../../api/first-queries.js';
import type { GalleryFilterParams } from '../../api/gallery.js';
import { Button } from '../../components/ui/button.js';
import { CheckboxField, SelectField, TextField } from '../../components/ui/field.js';
import { SearchIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { useAlbums } from './use-workspace.js';

/** The filters the URL may carry, in the order they are sent. */
const filterNames = ['q', 'model', 'status', 'from', 'to', 'favourite', 'album'] as const;
const statuses = { queued: 0, running: 1, succeeded: 2, failed: 3, canceled: 4 } satisfies Record<GenerationStatus, number>;

/** The gallery's filters from the address bar (so a filtered view can be linked and survives a reload), and a setter. */
export function useGalleryFilters(): [GalleryFilterParams, (name: (typeof filterNames)[number], value: string) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const filters: GalleryFilterParams = {};
  for (const name of filterNames) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const set = (name: (typeof filterNames)[number], value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [filters, set, () => setParams(new URLSearchParams(), { replace: true })];
}

/** Search box and filter controls above the gallery grid. */
export function GalleryFilters() {
  const { t } = useTranslation();
  const [urlFilters, setUrl, clearUrl] = useGalleryFilters();
  // The controls show a change at once: the address bar's navigation renders in a transition, and a
  // controlled control would flip back until it lands.
  const [filters, setFilters] = useState(urlFilters);
  const urlKey = JSON.stringify(urlFilters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: urlKey stands for urlFilters' contents
  useEffect(() => setFilters(urlFilters), [urlKey]);
  const set = (name: Parameters<typeof setUrl>[0], value: string) => {
    setFilters((prev) => {
      const next = { ...prev };
      if (value) next[name] = value;
      else delete next[name];
      return next;
    });
    setUrl(name, value);
  };
  const clear = () => {
    setFilters({});
    clearUrl();
  };
  const models = useQuery(modelsQuery).data?.models ?? [];
  const albums = useAlbums().data?.items ?? [];
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    set('q', text.trim());
  };
  return (
    <section aria-label={t('workspace.filters')} className="mb-6 space-y-3" data-testid="gallery-filters">
      <search>
        <form onSubmit={onSearch} className="flex items-end gap-2">
          <TextField
            type="search"
            label={t('workspace.search')}
            placeholder={t('workspace.searchPlaceholder')}
            value={text}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
            wrapperClassName="flex-1"
            data-testid="gallery-search"
          />
          <Button type="submit" variant="secondary" icon={<SearchIcon size={16} />}>
            {t('workspace.searchButton')}
          </Button>
        </form>
      </search>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <SelectField label={t('workspace.model')} value={filters.model ?? ''} onChange={(e) => set('model', e.target.value)}>
          <option value="">{t('workspace.any')}</option>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('workspace.status')} value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)}>
          <option value="">{t('workspace.any')}</option>
          {(Object.keys(statuses) as GenerationStatus[]).map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          type="date"
          label={t('workspace.from')}
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(e) => set('from', e.target.value)}
        />
        <TextField
          type="date"
          label={t('workspace.to')}
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(e) => set('to', e.target.value)}
        />
        <SelectField
          label={t('workspace.album')}
          value={filters.album ?? ''}
          onChange={(e) => set('album', e.target.value)}
          data-testid="album-filter"
        >
          <option value="">{t('workspace.anyAlbum')}</option>
          {albums.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <CheckboxField
          label={t('workspace.favouritesOnly')}
          checked={filters.favourite === '1'}
          onChange={(e) => set('favourite', e.target.checked ? '1' : '')}
          data-testid="favourites-only"
        />
        {Object.keys(filters).length > 0 && (
          <Button variant="ghost" size="sm" onClick={clear}>
            {t('workspace.clearFilters')}
          </Button>
        )}
      </div>
    </section>
  );
}
