import { tagsOfPrompt } from './normalize.js';

/** How many recent prompts a user's ranking reads. */
export const RECENT_PROMPTS = 100;

/** How many of these prompts used each tag (a tag repeated in one prompt counts once). */
export function countTagUsage(prompts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const prompt of prompts) {
    for (const tag of new Set(tagsOfPrompt(prompt))) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return counts;
}
