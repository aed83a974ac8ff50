import type { GenerationTool } from '../contracts/tools.js';
import { makesGrids } from './catalog.js';

/** Images in a Midjourney grid: a grid generation's image p came from task floor(p / 4), at place p % 4. */
export const GRID_SIZE = 4;

/**
 * KIE keeps a Midjourney task's results for 15 days (kie-tools.md §1.4); a
 * day short of that leaves room for the queue and the provider's clock.
 */
export const GRID_SOURCE_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** The parent image and its generation, as generation.queries' findGridParent reads them. */
export interface GridParent {
  position: number;
  providerModel: string;
  tool: string;
  providerTaskIds: string[];
  createdAt: Date;
}

/** Whether a generation on this model with this tool works on its parent's grid task rather than on its file. */
export const usesGridSource = (providerModel: string, tool: GenerationTool) =>
  makesGrids(providerModel) && (tool === 'variations' || tool === 'upscale');

/**
 * The grid task and place of the parent image, or why a grid tool cannot act
 * on it: only a grid (a text run or a variation) of a grid model has one,
 * and only while the provider still keeps it.
 */
export function gridSourceOf(parent: GridParent | null, now: Date): { taskId: string; index: number } | { problem: string } {
  const grid = parent && makesGrids(parent.providerModel) && (parent.tool === 'text' || parent.tool === 'variations');
  if (!parent || !grid) return { problem: 'Midjourney can only vary or upscale images from its own grids: choose a Midjourney image.' };
  const taskId = parent.providerTaskIds[Math.floor(parent.position / GRID_SIZE)];
  if (!taskId) return { problem: 'Midjourney can only vary or upscale images from its own grids: choose a Midjourney image.' };
  if (now.getTime() - parent.createdAt.getTime() > GRID_SOURCE_MAX_AGE_MS)
    return { problem: 'Midjourney keeps its grids for 14 days; this image is older. Use another model’s tools on it.' };
  return { taskId, index: parent.position % GRID_SIZE };
}
