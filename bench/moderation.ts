/**
 * `npm run bench:moderation`: the prompt policy (src/moderation) on
 * adversarial inputs of up to 2,000 characters, in prompt and negative prompt
 * at once: long repeated tokens, long runs of one letter, many separators,
 * spaced-out letters (the most joined readings), mixed scripts, ages, weights,
 * random Unicode, and a 2,000-term operator denylist. Every call is timed.
 * Goal (reliability row T3): every decision under 50 ms, the maximum and
 * not only the p99.
 */
import { compileDenylist, decidePrompt } from '../src/moderation/index.js';

const GOAL_MS = 50;
const LIMIT = 2000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

/** Deterministic random numbers (mulberry32), so every run measures the same inputs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `unit` repeated up to LIMIT UTF-16 units, never splitting a character. */
const fill = (unit: string) => {
  let out = '';
  while (out.length + unit.length <= LIMIT) out += unit;
  return out;
};

function randomUnicode(seed: number): string {
  const next = random(seed);
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0x300, 0x36f], // combining marks
    [0x400, 0x4ff], // Cyrillic
    [0x370, 0x3ff], // Greek
    [0x200b, 0x200f], // zero-width and direction marks
    [0x3040, 0x30ff], // kana
    [0x4e00, 0x9fff], // kanji
    [0xff00, 0xffef], // full-width and half-width forms
    [0x1d400, 0x1d7ff], // mathematical letters
    [0x1f1e6, 0x1f1ff], // regional indicators
    [0x1f300, 0x1faff], // emoji
    [0xfe00, 0xfe0f], // variation selectors
  ];
  let out = '';
  while (out.length < LIMIT - 2) {
    const [from, to] = ranges[Math.floor(next() * ranges.length)]!;
    out += String.fromCodePoint(from + Math.floor(next() * (to - from + 1)));
  }
  return out;
}

const inputs: Record<string, string> = {
  'repeated term "loli, nude, "': fill('loli, nude, '),
  'repeated phrase "little girl "': fill('little girl '),
  'one letter x2000': 'a'.repeat(LIMIT),
  'one letter l x2000 (leet i)': 'l'.repeat(LIMIT),
  'stretched "looo…li"': `l${'o'.repeat(LIMIT - 3)}li`,
  'digits 1 x2000': '1'.repeat(LIMIT),
  'spaced digits "1 2 "': fill('1 2 '),
  'spaced letters "l o l i "': fill('l o l i '),
  'single letters a b c …': fill('a b c d e f g h i j k l m n o p q r s t u v w x y z '),
  'dotted letters "n.u.d.e."': fill('n.u.d.e.'),
  'separators only ".-_*"': fill('.-_*'),
  'commas only': ','.repeat(LIMIT),
  'open brackets x2000': '('.repeat(LIMIT),
  'negative weights "(a:-1"': fill('(a:-1'),
  'colons and spaces ": "': fill(': '),
  'ages "12 year old, "': fill('12 year old, '),
  'prefixed ages "age 1 "': fill('age 1 '),
  'kanji ages "十二歳"': fill('十二歳'),
  'grades "小5"': fill('小5'),
  'kana run ロ x2000': 'ロ'.repeat(LIMIT),
  'kanji run 裸 x2000': '裸'.repeat(LIMIT),
  'benign compound 裸足 x1000': fill('裸足'),
  'spaced kana "ロ リ "': fill('ロ リ '),
  'hiragana "えろ"': fill('かえろ'),
  'mixed scripts "l0lIロリ12歳ｎｕｄｅ"': fill('l0lIロリ12歳ｎｕｄｅ '),
  'zero-width between letters': fill('l\u200Bo\u200Bl\u200Bi\u200B'),
  'combining marks on every letter': fill('n\u0301\u0308u\u0301d\u0301e\u0301 '),
  'look-alike letters "lоlі nսdе"': fill('lоlі nսdе '),
  'one long word of letters and digits': fill('a1b2c3d4e5'),
  'random Unicode (seed 1)': randomUnicode(1),
  'random Unicode (seed 2)': randomUnicode(2),
  'random Unicode (seed 3)': randomUnicode(3),
};

/** A large operator denylist: made-up names and phrases, Latin and Japanese. */
const next = random(42);
const syllables = ['ka', 'ri', 'to', 'mo', 'ne', 'su', 'ha', 'yo', 'ko', 'ta', 'mi', 'ra', 'zu', 'ki'];
const kana = [...'カリトモネスハヨコタミラズキ'];
const word = (n: number, parts: string[]) => Array.from({ length: n }, () => parts[Math.floor(next() * parts.length)]).join('');
const terms = Array.from({ length: 2000 }, (_, i) =>
  i % 3 === 0 ? word(3, kana) : i % 3 === 1 ? word(3, syllables) : `${word(2, syllables)} ${word(2, syllables)}`,
);
const compileStarted = performance.now();
const bigDenylist = compileDenylist(terms);
const compileMs = performance.now() - compileStarted;

function main(): void {
  const times: number[] = [];
  const rows: { name: string; chars: number; max: number }[] = [];
  for (const [name, text] of Object.entries(inputs)) {
    for (const denylist of [[], bigDenylist]) decidePrompt({ prompt: text, negativePrompt: text, mature: false, denylist }); // warm-up
    let max = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const denylist of [[], bigDenylist]) {
        const started = performance.now();
        decidePrompt({ prompt: text, negativePrompt: text, mature: round % 2 === 0, denylist });
        const ms = performance.now() - started;
        times.push(ms);
        max = Math.max(max, ms);
      }
    }
    rows.push({ name, chars: text.length, max });
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((times.length - 1) * p))]!;
  const overallMax = times[times.length - 1]!;

  console.log(`\nPrompt policy: ${Object.keys(inputs).length} adversarial inputs (each as prompt and negative prompt), ${ROUNDS} rounds,`);
  console.log(`with no denylist and with ${terms.length} operator terms (compiled once in ${compileMs.toFixed(1)} ms)\n`);
  console.log('| input | chars | max ms |');
  console.log('|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.chars} | ${r.max.toFixed(2)} |`);
  console.log(
    `\n${times.length} decisions: p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${overallMax.toFixed(2)} ms (goal: max < ${GOAL_MS} ms) — ${overallMax < GOAL_MS ? 'met' : 'NOT met'}`,
  );
  if (overallMax >= GOAL_MS) process.exitCode = 1;
}

main();
