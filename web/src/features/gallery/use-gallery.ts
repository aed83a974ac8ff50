import { useInfiniteQuery } from '@tanstack/react-query';
import { galleryQuery } from '../../api/first-queries.js';

/** The gallery, newest first, one page of 24 at a time (cursor pagination). */
export function useGallery() {
  return useInfiniteQuery(galleryQuery);
}
