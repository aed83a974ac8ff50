/**
 * Prompt directives that steer one simulated task, for tests and demos. They
 * may appear anywhere in the prompt, in any case, e.g. "a cat [SIM:slow]".
 */
export type Directive = 'fail' | 'reject' | 'slow' | 'never' | 'broken' | 'missing' | 'huge' | 'jpeg' | 'webp';

/** `jpeg` and `webp` return the result in that format (some models answer JPEG), not PNG. */
const KNOWN = new Set<string>(['fail', 'reject', 'slow', 'never', 'broken', 'missing', 'huge', 'jpeg', 'webp']);

export function parseDirectives(prompt: string): Set<Directive> {
  const found = new Set<Directive>();
  for (const match of prompt.matchAll(/\[sim:([a-z]+)\]/gi)) {
    const name = match[1]?.toLowerCase();
    if (name && KNOWN.has(name)) found.add(name as Directive);
  }
  return found;
}

/** File names of [sim:huge] results start with this; the server streams them. */
export const HUGE_PREFIX = 'huge-';
