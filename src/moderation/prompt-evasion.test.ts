import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CorpusRow, loadPromptCorpus } from '../../test/helpers/prompt-corpus.js';
import { decidePrompt } from './index.js';
import { COMPOUNDS } from './policy-terms.js';

/**
 * T2: every disguise of a blocked corpus prompt stays blocked, and added
 * words never unblock one; a safety negative never blocks. The word to disguise is one the decision rests on:
 * taking it out unblocks the prompt (found by trying each word in turn).
 */
type Category = 'allow' | 'minor_sexual' | 'sexual' | 'denylist';

const categoryOf = (prompt: string, negativePrompt: string, mature: boolean): Category => {
  const d = decidePrompt({ prompt, negativePrompt, mature, denylist: [] });
  return d.decision === 'allow' ? 'allow' : d.category;
};

interface Blocked {
  row: CorpusRow;
  /** mature content off for sexual rows (else they are allowed), on for minor rows (the stricter case). */
  mature: boolean;
  category: Category;
  /** Words the decision rests on: field, start, end. */
  critical: { field: 'prompt' | 'negativePrompt'; start: number; end: number }[];
}

/** A word as a reader sees it: leetspeak symbols ($ex), marks and invisible characters (lo\u200Bli) included. */
const WORD = /[\p{L}\p{N}\p{M}\p{Cf}@$]+/gu;

const corpus: CorpusRow[] = loadPromptCorpus();
const blocked: Blocked[] = corpus
  .filter((row) => row.label !== 'allow')
  .map((row) => {
    const mature = row.label === 'block_minor_sexual';
    const category = categoryOf(row.prompt, row.negativePrompt, mature);
    const critical: Blocked['critical'] = [];
    for (const field of ['prompt', 'negativePrompt'] as const) {
      for (const m of row[field].matchAll(WORD)) {
        const without = { ...row, [field]: row[field].slice(0, m.index) + row[field].slice(m.index + m[0].length) };
        if (categoryOf(without.prompt, without.negativePrompt, mature) !== category) {
          critical.push({ field, start: m.index, end: m.index + m[0].length });
        }
      }
    }
    return { row, mature, category, critical };
  })
  .filter((b) => b.critical.length > 0);

const LEET: Record<string, string[]> = { o: ['0'], i: ['1'], l: ['1'], e: ['3'], a: ['4', '@'], s: ['5', '$'], t: ['7'] };
const LOOK_ALIKE: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  i: 'і',
  s: 'ѕ',
  j: 'ј',
  h: 'һ',
  d: 'ԁ',
  l: 'ӏ',
  k: 'κ',
  n: 'η',
  t: 'τ',
  u: 'υ',
  v: 'ν',
  b: 'β',
  w: 'ԝ',
};
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\uFE0F', '\u200E'];
const SEPARATORS = [' ', '.', '-', '_', '*', '·', '/', ' . ', '  '];

/** One character, as is or disguised: leetspeak, a look-alike letter, full width or the other case. */
function disguiseChar(ch: string, how: number, pick: number): string {
  const lower = ch.toLowerCase();
  switch (how) {
    case 1: {
      const options = LEET[lower];
      return options ? options[pick % options.length]! : ch;
    }
    case 2:
      return LOOK_ALIKE[lower] ?? ch;
    case 3: {
      const code = ch.charCodeAt(0);
      return code >= 0x21 && code <= 0x7e ? String.fromCharCode(code + 0xfee0) : ch;
    }
    case 4:
      return ch === lower ? ch.toUpperCase() : lower;
    default:
      return ch;
  }
}

/** A blocked row, one word it rests on, and how to disguise that word (per character, and separators between them). */
const disguised = fc
  .constantFrom(...blocked)
  .chain((b) =>
    fc.record({
      b: fc.constant(b),
      which: fc.nat({ max: b.critical.length - 1 }),
      chars: fc.array(fc.tuple(fc.nat({ max: 4 }), fc.nat()), { minLength: 40, maxLength: 40 }),
      separators: fc.option(fc.array(fc.constantFrom(...SEPARATORS), { minLength: 40, maxLength: 40 })),
      zeroWidth: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ZERO_WIDTH)), { maxLength: 4 }),
    }),
  )
  .map(({ b, which, chars, separators, zeroWidth }) => {
    const { field, start, end } = b.critical[which]!;
    const word = [...b.row[field].slice(start, end)];
    const parts = word.map((ch, i) => disguiseChar(ch, chars[i % 40]![0], chars[i % 40]![1]));
    const joined = separators ? parts.map((p, i) => (i === 0 ? p : separators[i % 40] + p)).join('') : parts.join('');
    let text = b.row[field].slice(0, start) + joined + b.row[field].slice(end);
    for (const [at, ch] of zeroWidth) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + ch + text.slice(i);
    }
    return { b, prompt: field === 'prompt' ? text : b.row.prompt, negativePrompt: field === 'prompt' ? b.row.negativePrompt : text };
  });

/** Words with nothing to match; none may follow a term as a compound (nude lipstick), which is the one deliberate exception. */
const followers = new Set(Object.values(COMPOUNDS).flat());
const BENIGN = [
  'adult',
  '18 years old',
  'mature female',
  'aged up',
  'fully clothed',
  'sfw',
  'safe for work',
  'wholesome',
  'family friendly',
  'masterpiece',
  'best quality',
  '(detailed background:1.2)',
  '1girl',
  'solo',
  'smile',
  'blue sky',
  'cherry blossoms',
  'school uniform',
  'minority',
  'Essex',
  'sextant',
  'therapist',
  'nude lipstick',
  '成人',
  '大人',
  '安全',
  '桜',
  'おとな',
  'ｆｕｌｌ ｗｉｄｔｈ',
  'not a child',
].filter((w) => !followers.has(w));
const benignWords = fc.array(fc.constantFrom(...BENIGN), { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
const anyText = fc.string({ unit: 'binary', maxLength: 40 });

/** Precedence order: an added word may make a decision stricter (sexual → minor_sexual), never milder. */
const SEVERITY: Record<Category, number> = { allow: 0, sexual: 1, denylist: 2, minor_sexual: 3 };
const stillBlocked = (b: Blocked, prompt: string, negativePrompt: string) =>
  SEVERITY[categoryOf(prompt, negativePrompt, b.mature)] >= SEVERITY[b.category];

describe('disguises and added words (property tests)', () => {
  it('uses many blocked rows, each with a word its decision rests on', () => {
    expect(blocked.length).toBeGreaterThan(200);
  });

  it('keeps a prompt blocked whatever disguises the word it rests on: leetspeak, look-alikes, full width, case, separators, zero-width characters', () => {
    fc.assert(
      fc.property(disguised, ({ b, prompt, negativePrompt }) => {
        expect(stillBlocked(b, prompt, negativePrompt), `line ${b.row.line}: ${prompt} / ${negativePrompt}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('never unblocks a prompt when benign words are added before or after, in either field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...blocked),
        benignWords,
        fc.constantFrom(', ', ' ', '\n', '; ', ' . ', ' and '),
        fc.constantFrom('prepend', 'append'),
        fc.constantFrom('prompt', 'negativePrompt'),
        (b, words, sep, where, field) => {
          const text = b.row[field];
          const changed = where === 'prepend' ? `${words}${sep}${text}` : `${text}${sep}${words}`;
          const [p, n] = field === 'prompt' ? [changed, b.row.negativePrompt] : [b.row.prompt, changed];
          expect(stillBlocked(b, p, n), `line ${b.row.line}: ${p} / ${n}`).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never unblocks a prompt when arbitrary text is added as another tag', () => {
    fc.assert(
      fc.property(fc.constantFrom(...blocked), anyText, anyText, (b, before, after) => {
        const p = `${before}, ${b.row.prompt}, ${after}`;
        expect(stillBlocked(b, p, b.row.negativePrompt), `line ${b.row.line}: ${JSON.stringify(p)}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never refuses for a safety negative: minor markers and sexual words there steer away from them', () => {
    const safety = ['nsfw', 'nude', 'sex', 'loli', 'child', 'shota', 'ロリ', '全裸', 'エロ', 'underage', 'toddler'];
    const allowed = corpus.filter((row) => row.label === 'allow');
    const adult = corpus.filter((row) => row.label === 'block_sexual_unless_mature');
    fc.assert(
      fc.property(fc.constantFrom(...allowed), fc.subarray(safety, { minLength: 1 }), (row, words) => {
        const negativePrompt = [row.negativePrompt, ...words].filter(Boolean).join(', ');
        expect(categoryOf(row.prompt, negativePrompt, false), `line ${row.line}: ${row.prompt} / ${negativePrompt}`).toBe('allow');
      }),
      { numRuns: 1000 },
    );
    // An adult's explicit prompt that keeps minors out: allowed with the opt-in, never minor_sexual.
    fc.assert(
      fc.property(
        fc.constantFrom(...adult),
        fc.subarray(['loli', 'child', 'shota', 'ロリ', 'underage'], { minLength: 1 }),
        (row, words) => {
          const negativePrompt = [row.negativePrompt, ...words].filter(Boolean).join(', ');
          expect(categoryOf(row.prompt, negativePrompt, true), `line ${row.line}: ${row.prompt} / ${negativePrompt}`).toBe('allow');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('turns an explicit adult prompt into minor_sexual when adulthood is pushed away in the negative prompt', () => {
    const sexual = blocked.filter((b) => b.row.label === 'block_sexual_unless_mature' && b.row.negativePrompt === '');
    fc.assert(
      fc.property(
        fc.constantFrom(...sexual),
        fc.constantFrom('adult', 'mature female', 'old', 'aged up', 'large breasts', '成人', '大人'),
        (b, away) => {
          expect(categoryOf(b.row.prompt, away, true), `line ${b.row.line}: ${b.row.prompt} / ${away}`).toBe('minor_sexual');
        },
      ),
      { numRuns: 500 },
    );
  });
});
