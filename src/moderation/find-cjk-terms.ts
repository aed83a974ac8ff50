import type { CharNode } from './char-trie.js';
import { canJoin, type Token } from './tokenize-prompt.js';

/** How far kana or kanji split by punctuation or spaces (ロ・リ) are read joined. */
const JOINED_MAX = 24;

/**
 * The roles of the terms inside the CJK words of a text: each word scanned
 * for substrings, and each run of words that may be read as one (ロ・リ,
 * 全 裸) scanned joined. Linear: every start walks at most the longest term.
 */
export function findCjkTerms(trie: CharNode, tokens: readonly Token[]): number {
  let roles = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.cjk) continue;
    roles |= scan(trie, token.text, token.raw, null, token.text.length);
    const next = tokens[i + 1];
    if (!next || !canJoin(token, next)) continue;
    let text = token.text;
    let raw = token.raw;
    const bounds = [0, text.length];
    for (let j = i + 1; j < tokens.length && canJoin(tokens[j - 1]!, tokens[j]!) && text.length < JOINED_MAX; j++) {
      text += tokens[j]!.text;
      raw += tokens[j]!.raw;
      bounds.push(text.length);
    }
    const boundary = new Uint8Array(text.length + 1);
    for (const b of bounds) boundary[b] = 1;
    // Matches that start in a later word are found from that word's own window.
    roles |= scan(trie, text, raw, boundary, token.text.length);
  }
  return roles;
}

const isHiragana = (code: number) => code >= 0x3041 && code <= 0x309f;
const isHan = (code: number) => (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3005;

/** A match spelled in hiragana starts a word unless hiragana or a kanji comes before it (消えろ, かえろう). */
function startsWord(raw: string, at: number): boolean {
  if (at === 0 || !isHiragana(raw.charCodeAt(at))) return true;
  const before = raw.charCodeAt(at - 1);
  return !isHiragana(before) && !isHan(before);
}

/**
 * Terms found as substrings of one CJK text, except where a benign word
 * covers the match (裸 inside 裸足). In a joined reading (`boundary` set), a
 * match must start or end where one of the joined words does, so two
 * separate tags (完全, 裸足) never make a term between them (全裸). Only
 * matches starting before `starts` are looked for.
 */
function scan(trie: CharNode, text: string, raw: string, boundary: Uint8Array | null, starts: number): number {
  let roles = 0;
  let covered = 0;
  const found: number[] = [];
  for (let start = 0; start < starts; start++) {
    let node: CharNode | undefined = trie;
    let benignEnd = 0;
    found.length = 0;
    for (let end = start; end < text.length; end++) {
      node = node.next.get(text[end]!);
      if (!node) break;
      if (node.benign) benignEnd = end + 1;
      if (node.roles === 0) continue;
      if (node.wordStart && !startsWord(raw, start)) continue;
      if (boundary && !boundary[start] && !boundary[end + 1]) continue;
      found.push(end + 1, node.roles);
    }
    covered = Math.max(covered, benignEnd);
    for (let k = 0; k < found.length; k += 2) if (found[k]! > covered) roles |= found[k + 1]!;
  }
  return roles;
}
