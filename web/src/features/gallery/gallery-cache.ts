import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Generation, GenerationPage } from '../../api/contracts.js';
import { queryKeys } from '../../api/query-keys.js';

/**
 * Keeps the cached gallery pages and detail entries in step with what the
 * server tells us (submit answers and live events), so nothing needs a reload.
 */

type Pages = InfiniteData<GenerationPage, string | null>;

/** Inserts a generation at the top of the gallery, or replaces it where it is. */
export function upsertGeneration(qc: QueryClient, generation: Generation): void {
  qc.setQueryData<Generation>(queryKeys.generation(generation.id), generation);
  qc.setQueryData<Pages>(queryKeys.generations, (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.map((g) => {
        if (g.id !== generation.id) return g;
        found = true;
        return generation;
      }),
    }));
    if (!found && pages[0]) pages[0] = { ...pages[0], items: [generation, ...pages[0].items] };
    return { ...data, pages };
  });
}

/** Removes a generation from the gallery and forgets its detail entry. */
export function removeGeneration(qc: QueryClient, id: string): void {
  qc.setQueryData<Pages>(queryKeys.generations, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((g) => g.id !== id) })) } : data,
  );
  qc.removeQueries({ queryKey: queryKeys.generation(id), exact: true });
}
