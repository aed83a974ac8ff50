import { parsePrompt } from '../../../../src/contracts/prompt-syntax.js';

/** How a stretch of the prompt is marked in the box: stronger or weaker weight, or a tag the list does not know. */
export type MarkKind = 'plain' | 'up' | 'down' | 'unknown';
export interface Mark {
  text: string;
  kind: MarkKind;
}

/** The comma-separated tags of a prompt with where each sits, weights and brackets taken off. */
export function promptTags(prompt: string): { name: string; start: number; end: number }[] {
  const tags: { name: string; start: number; end: number }[] = [];
  let start = 0;
  for (const part of prompt.split(',')) {
    const end = start + part.length;
    const name = part
      .replace(/:\s*-?\d+(\.\d+)?\s*\)/g, ')')
      .replace(/(?<!\\)[()[\]{}]/g, '')
      .trim();
    if (name) {
      const lead = part.length - part.trimStart().length;
      tags.push({ name, start: start + lead, end: start + part.trimEnd().length });
    }
    start = end + 1;
  }
  return tags;
}

/**
 * The prompt cut into marked stretches that, joined, give it back exactly
 * (the box draws them behind the text, so every character must stay put).
 */
export function promptMarks(prompt: string, unknown: ReadonlySet<string>): Mark[] {
  const kinds: MarkKind[] = Array.from({ length: prompt.length }, () => 'plain');
  for (const run of parsePrompt(prompt)) {
    const w = Math.round(run.weight * 100) / 100;
    if (w === 1) continue;
    for (let i = run.start; i < run.end; i++) kinds[i] = w > 1 ? 'up' : 'down';
  }
  if (unknown.size > 0) {
    for (const tag of promptTags(prompt)) if (unknown.has(tag.name)) for (let i = tag.start; i < tag.end; i++) kinds[i] = 'unknown';
  }
  const marks: Mark[] = [];
  for (let i = 0; i < prompt.length; i++) {
    const last = marks[marks.length - 1];
    if (last && last.kind === kinds[i]) last.text += prompt[i];
    else marks.push({ text: prompt[i]!, kind: kinds[i]! });
  }
  return marks;
}
