import { useQuery } from '@tanstack/react-query';
import { modelsQuery } from '../../api/first-queries.js';

/** The model catalog (cost per image, aspect ratios, reference limits) and the largest count. */
export const useModels = () => useQuery(modelsQuery);
