import type { QueryClient } from '@tanstack/react-query';
import { albumsQuery, galleryQuery, meQuery, metaQuery, modelsQuery, policyQuery, presetsQuery } from '../../api/first-queries.js';

/** Each answer a signed-in screen's HTML may preload, and how it enters the cache. */
const fills: Record<string, (qc: QueryClient) => Promise<void>> = {
  '/api/me': (qc) => qc.prefetchQuery(meQuery),
  '/api/meta': (qc) => qc.prefetchQuery(metaQuery),
  '/api/me/policy': (qc) => qc.prefetchQuery(policyQuery),
  '/api/models': (qc) => qc.prefetchQuery(modelsQuery),
  '/api/presets': (qc) => qc.prefetchQuery(presetsQuery),
  '/api/albums': (qc) => qc.prefetchQuery(albumsQuery),
  '/api/generations?limit=24': (qc) => qc.prefetchInfiniteQuery(galleryQuery),
};

/** How long the first render waits for the answers: past it, the screen renders and they arrive as they come. */
const waitAtMostMs = 2_500;

/**
 * Puts the answers the page preloads into the cache before the first render.
 * Without it the screen renders once bare and once more per answer, and each
 * of those renders is one long task on a phone (they cannot be split: an
 * answer's update is urgent to React). The answers are already on their way
 * with the scripts, so waiting for them costs little.
 */
export async function fillFirstAnswers(qc: QueryClient, doc: Document = document): Promise<void> {
  const urls = [...doc.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')].map((l) => {
    const url = new URL(l.href);
    return url.pathname + url.search;
  });
  const filling = Promise.all(urls.flatMap((u) => fills[u]?.(qc) ?? []));
  await Promise.race([filling, new Promise((resolve) => setTimeout(resolve, waitAtMostMs))]);
}
