import { useQuery } from '@tanstack/react-query';
import type { LegalSlug } from '../../api/contracts.js';
import { getLegalDocument } from '../../api/privacy.js';
import { queryKeys } from '../../api/query-keys.js';

/** One legal page (privacy, terms, cookies); public, so it loads signed out too. */
export function useLegalDocument(slug: LegalSlug) {
  return useQuery({ queryKey: queryKeys.legal(slug), queryFn: () => getLegalDocument(slug), staleTime: 5 * 60_000 });
}
