/**
 * Prompt weights, parsed once and written for the model that reads them.
 *
 * Syntax (A1111 and NovelAI, as creators type it):
 * - `(words)` ×1.1, `(words:1.3)` an explicit weight, `[words]` ÷1.1,
 *   `{words}` ×1.05 (NovelAI); groups nest and multiply.
 * - `\(` `\)` `\[` `\]` `\{` `\}` are literal brackets, as in booru tags
 *   such as `saber_\(fate\)`.
 * - A bracket that is never closed is a literal character (A1111 does the same).
 * - `[a:b:0.5]` (A1111's prompt editing) is kept as typed, for every model.
 *
 * `sdxl` checkpoints (ComfyUI, A1111) get A1111 syntax back, with NovelAI's
 * braces turned into explicit weights; `natural` models, which read
 * sentences and would otherwise see stray brackets and numbers, get plain
 * words: weights dropped, underscores as spaces, escapes undone.
 */

export type PromptFamily = 'natural' | 'sdxl';

/** A run of text with one weight; `start`/`end` are offsets into the source (for highlighting). */
export interface PromptRun {
  text: string;
  weight: number;
  start: number;
  end: number;
}

const OPEN: Record<string, { close: string; factor: number }> = {
  '(': { close: ')', factor: 1.1 },
  '[': { close: ']', factor: 1 / 1.1 },
  '{': { close: '}', factor: 1.05 },
};
const BRACKETS = new Set(['(', ')', '[', ']', '{', '}']);
const EXPLICIT = /^(.*):\s*(-?\d+(?:\.\d+)?)\s*$/s;

/** The index of the bracket closing the one at `open`, or -1 (escapes and nesting respected). */
function findClose(src: string, open: number): number {
  const stack = [OPEN[src[open]!]!.close];
  for (let i = open + 1; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (OPEN[c]) stack.push(OPEN[c].close);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

function parseRange(src: string, from: number, to: number, weight: number, out: PromptRun[]): void {
  let textStart = from;
  let text = '';
  const flush = (end: number) => {
    if (text) out.push({ text, weight, start: textStart, end });
    text = '';
  };
  for (let i = from; i < to; i++) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < to && BRACKETS.has(src[i + 1]!)) {
      if (!text) textStart = i;
      text += c + src[i + 1];
      i++;
      continue;
    }
    const group = OPEN[c];
    const close = group ? findClose(src, i) : -1;
    // `[from:to:when]` and `[word:when]` are A1111's prompt editing, not a lower weight: kept as typed.
    const editing = c === '[' && close > 0 && src.slice(i + 1, close).includes(':');
    if (!group || close < 0 || close > to || editing) {
      if (editing) {
        if (!text) textStart = i;
        text += src.slice(i, close + 1);
        i = close;
        continue;
      }
      if (!text) textStart = i;
      text += c;
      continue;
    }
    flush(i);
    const inner = src.slice(i + 1, close);
    const explicit = c === '(' ? EXPLICIT.exec(inner) : null;
    if (explicit) parseRange(src, i + 1, i + 1 + explicit[1]!.length, weight * Number(explicit[2]), out);
    else parseRange(src, i + 1, close, weight * group.factor, out);
    i = close;
    textStart = i + 1;
  }
  flush(to);
}

/** The prompt as weighted runs, in order. */
export function parsePrompt(prompt: string): PromptRun[] {
  const runs: PromptRun[] = [];
  parseRange(prompt, 0, prompt.length, 1, runs);
  return runs;
}

const round = (w: number) => Math.round(w * 100) / 100;

/** Escaped brackets made plain, underscores made spaces: a tag read as words. */
const plainWords = (text: string) => text.replace(/\\([()[\]{}])/g, '$1').replace(/_/g, ' ');

/** The prompt as the model of this family should receive it. */
export function compilePrompt(prompt: string, family: PromptFamily): string {
  const runs = parsePrompt(prompt);
  if (family === 'natural') {
    return runs
      .map((r) => plainWords(r.text))
      .join('')
      .replace(/[ \t]+/g, ' ')
      .replace(/ ,/g, ',')
      .replace(/,(\s*,)+/g, ',')
      .trim();
  }
  return runs
    .map((r) => {
      const w = round(r.weight);
      if (w === 1) return r.text;
      // Spaces around a weighted tag stay outside the brackets, where they were.
      const lead = r.text.match(/^\s*/)![0];
      const trail = r.text.slice(lead.length).match(/\s*$/)![0];
      const core = r.text.slice(lead.length, r.text.length - trail.length);
      return core ? `${lead}(${core}:${w})${trail}` : r.text;
    })
    .join('')
    .trim();
}
