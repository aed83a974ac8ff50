import { useQuery } from '@tanstack/react-query';
import { getModels } from '../../api/generations.js';
import { queryKeys } from '../../api/query-keys.js';

/** The model catalog (cost per image, aspect ratios, reference limits) and the largest count. */
export const useModels = () => useQuery({ queryKey: queryKeys.models, queryFn: getModels, staleTime: 5 * 60_000 });
