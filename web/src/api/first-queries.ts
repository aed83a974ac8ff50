import { getMeOrNull, getMeta } from './account.js';
import type { GenerationPage } from './contracts.js';
import { listAlbums } from './gallery.js';
import { getModels, listGenerations } from './generations.js';
import { getPresets } from './presets.js';
import { getPolicyStatus } from './privacy.js';
import { queryKeys } from './query-keys.js';

/**
 * The queries a signed-in screen asks first, defined once: the screens' hooks
 * use them, and the app fills them before its first render from the answers
 * the page's HTML preloads (`features/shell/first-answers.ts`), so both ask
 * the same key with the same function and each answer is fetched once.
 */
export const meQuery = { queryKey: queryKeys.me, queryFn: getMeOrNull, staleTime: 60_000 };
export const metaQuery = { queryKey: queryKeys.meta, queryFn: getMeta, staleTime: Number.POSITIVE_INFINITY };
export const policyQuery = { queryKey: queryKeys.policy, queryFn: getPolicyStatus, staleTime: 10 * 60_000 };
export const modelsQuery = { queryKey: queryKeys.models, queryFn: getModels, staleTime: 5 * 60_000 };
export const presetsQuery = { queryKey: queryKeys.presets, queryFn: getPresets, staleTime: 5 * 60_000 };
export const albumsQuery = { queryKey: queryKeys.albums, queryFn: listAlbums, staleTime: 30_000 };

/** The gallery, newest first, one page of 24 at a time (cursor pagination). */
export const galleryQuery = {
  queryKey: queryKeys.generations,
  queryFn: ({ pageParam }: { pageParam: string | null }) => listGenerations(pageParam),
  initialPageParam: null as string | null,
  getNextPageParam: (last: GenerationPage) => last.nextCursor,
};
