import { addChars, type CharNode, newCharNode, type SqueezedWalk, walk, walkSqueezed } from './char-trie.js';
import { findCjkTerms } from './find-cjk-terms.js';
import { normalizeText } from './normalize-prompt.js';
import { canJoin, HARD, type Token, tokenize } from './tokenize-prompt.js';

/** What a term says about a text, as bits: a term may carry several. */
export const MINOR = 1;
export const SEXUAL = 2;
export const ADULT_STEERING = 4;
export const CLOTHING_STEERING = 8;
export const DENIED = 16;
export const SUGGESTIVE = 32;
export const YOUNG = 64;

/** A text read twice, as typed (normalised) and as leetspeak; built once, matched against every term set. */
export interface ReadText {
  plain: Token[];
  leet: Token[];
}

export function readText(text: string): ReadText {
  const normalized = normalizeText(text);
  return { plain: tokenize(normalized, false), leet: tokenize(normalized, true) };
}

/**
 * Terms as written in the lists: Latin words and phrases are matched as whole
 * words; a term that is one run of kana or ideographs is matched as a
 * substring (Japanese has no spaces), `=服` as a whole CJK word only.
 * `wordStart`: a CJK term spelled in hiragana must not start inside a word
 * (消えろ is a verb, not エロ).
 */
export interface TermList {
  roles: number;
  terms: readonly string[];
  wordStart?: boolean;
}

export interface TermOptions {
  /** Words that, directly after the term, make it another word: nude → lipstick (a colour). */
  compounds?: Readonly<Record<string, readonly string[]>>;
  /** Japanese words that contain a term but are not it (裸足, barefoot; カロリー, calorie). */
  benignCjk?: readonly string[];
}

interface PhraseNode {
  roles: number;
  next: Map<string, PhraseNode>;
}

/** One reading's tables: words (phrases also written as one word), phrases by word, compounds. */
interface Reading {
  words: CharNode;
  phrases: Map<string, PhraseNode>;
  compounds: Map<string, Set<string>>;
  /** Leet reading only: words with runs of a letter squeezed to one, for stretched words (looooli). */
  squeezed: CharNode | null;
}

export interface TermSet {
  plain: Reading;
  leet: Reading;
  cjk: CharNode;
  empty: boolean;
}

const newReading = (squeezed: boolean): Reading => ({
  words: newCharNode(),
  phrases: new Map(),
  compounds: new Map(),
  squeezed: squeezed ? newCharNode() : null,
});
const hasDigit = (text: string) => /\d/.test(text);

/** Runs of one letter squeezed to one letter. */
const squeeze = (word: string) => word.replace(/(.)\1+/gsu, '$1');

function addWords(reading: Reading, tokens: Token[], roles: number): void {
  const joined = tokens.map((t) => t.text).join('');
  addChars(reading.words, joined).roles |= roles;
  if (reading.squeezed) addChars(reading.squeezed, squeeze(joined)).roles |= roles;
  if (tokens.length < 2) return;
  let node: PhraseNode | undefined;
  let level = reading.phrases;
  for (const t of tokens) {
    node = level.get(t.text);
    if (!node) {
      node = { roles: 0, next: new Map() };
      level.set(t.text, node);
    }
    level = node.next;
  }
  if (node) node.roles |= roles;
}

const firstWord = (text: string, leet: boolean) => tokenize(normalizeText(text), leet)[0]?.text ?? '';

/** Compiles term lists once (at start-up, or when the operator's denylist changes). */
export function compileTerms(lists: readonly TermList[], options: TermOptions = {}): TermSet {
  const set: TermSet = { plain: newReading(false), leet: newReading(true), cjk: newCharNode(), empty: true };
  for (const list of lists) {
    for (const term of list.terms) {
      const whole = term.startsWith('=');
      const normalized = normalizeText(whole ? term.slice(1) : term);
      const plain = tokenize(normalized, false);
      if (plain.length === 0) continue;
      set.empty = false;
      if (plain.length === 1 && plain[0]!.cjk && !whole) {
        const node = addChars(set.cjk, plain[0]!.text);
        node.roles |= list.roles;
        node.wordStart ||= list.wordStart === true;
        continue;
      }
      addWords(set.plain, plain, list.roles);
      // Digits in a term are meant as digits ("r18" is not the name Rie).
      if (!hasDigit(normalized)) addWords(set.leet, tokenize(normalized, true), list.roles);
    }
  }
  for (const [term, followers] of Object.entries(options.compounds ?? {})) {
    set.plain.compounds.set(firstWord(term, false), new Set(followers.map((f) => firstWord(f, false))));
    set.leet.compounds.set(firstWord(term, true), new Set(followers.map((f) => firstWord(f, true))));
  }
  for (const word of options.benignCjk ?? []) {
    const text = firstWord(word, false);
    if (text) addChars(set.cjk, text).benign = true;
  }
  return set;
}

/** The roles of every term found in the text (bits OR-ed together); 0 when none. */
export function findTerms(set: TermSet, text: ReadText): number {
  if (set.empty) return 0;
  return (
    findWords(set.plain, text.plain) |
    findWords(set.plain, collapse(text.plain)) |
    findWords(set.leet, text.leet) |
    findWords(set.leet, collapse(text.leet)) |
    findCjkTerms(set.cjk, text.plain)
  );
}

/**
 * The tokens with every run that may be read as one word joined into one
 * token, so a spaced-out word can still start or continue a phrase
 * ("l i t t l e girl"). The tokens themselves when nothing joins.
 */
function collapse(tokens: readonly Token[]): readonly Token[] {
  if (!tokens.some((t, i) => i > 0 && canJoin(tokens[i - 1]!, t))) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let j = i + 1;
    while (j < tokens.length && canJoin(tokens[j - 1]!, tokens[j]!)) j++;
    if (j === i + 1) out.push(tokens[i]!);
    else {
      const run = tokens.slice(i, j);
      out.push({ ...tokens[i]!, text: run.map((t) => t.text).join(''), ageText: run.map((t) => t.ageText).join('') });
    }
    i = j - 1;
  }
  return out;
}

const newSqueezedWalk = (node: CharNode | null): SqueezedWalk => ({ node: node ?? undefined, last: '', run: 0, longestRun: 0 });

function findWords(reading: Reading, tokens: readonly Token[]): number {
  let roles = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const found = walk(reading.words, token.text)?.roles ?? 0;
    if (found !== 0) {
      const next = tokens[i + 1];
      const compound = next !== undefined && next.gap < HARD && reading.compounds.get(token.text)?.has(next.text);
      if (!compound) roles |= found;
    }
    if (reading.squeezed) {
      const stretched = newSqueezedWalk(reading.squeezed);
      walkSqueezed(stretched, token.text);
      if (stretched.longestRun >= 3) roles |= stretched.node?.roles ?? 0;
    }
    // A phrase's words, in one tag.
    let phrase = reading.phrases.get(token.text);
    for (let j = i + 1; phrase && j < tokens.length && tokens[j]!.gap < HARD; j++) {
      phrase = phrase.next.get(tokens[j]!.text);
      if (phrase) roles |= phrase.roles;
    }
    roles |= findJoined(reading, tokens, i);
  }
  return roles;
}

/**
 * Words split by punctuation or spaced out, read joined from token `i`
 * (l.o.l.i, aged_down): one walk through the word trie, extended a token at
 * a time, so it stops as soon as no term continues.
 */
function findJoined(reading: Reading, tokens: readonly Token[], i: number): number {
  const first = tokens[i]!;
  const next = tokens[i + 1];
  if (first.cjk || !next || !canJoin(first, next)) return 0;
  let roles = 0;
  let node = walk(reading.words, first.text);
  const stretched = newSqueezedWalk(reading.squeezed);
  walkSqueezed(stretched, first.text);
  for (let j = i + 1; j < tokens.length && canJoin(tokens[j - 1]!, tokens[j]!); j++) {
    node = walk(node, tokens[j]!.text);
    walkSqueezed(stretched, tokens[j]!.text);
    if (!node && !stretched.node) break;
    roles |= node?.roles ?? 0;
    if (stretched.longestRun >= 3) roles |= stretched.node?.roles ?? 0;
  }
  return roles;
}
