/**
 * A trie over UTF-16 code units: a word is found by walking it one unit at a
 * time, so a lookup costs the length of the longest term, not of the text,
 * and windows that grow by a word extend the walk instead of hashing a new
 * string.
 */
export interface CharNode {
  /** Roles of the term that ends here (bits), 0 when none. */
  roles: number;
  /** A benign word ends here (CJK only: it hides the terms inside it). */
  benign: boolean;
  /** The term must start a word (CJK terms spelled in hiragana). */
  wordStart: boolean;
  next: Map<string, CharNode>;
}

export const newCharNode = (): CharNode => ({ roles: 0, benign: false, wordStart: false, next: new Map() });

/** The node at the end of `text`, made as needed. */
export function addChars(root: CharNode, text: string): CharNode {
  let node = root;
  for (let i = 0; i < text.length; i++) {
    const unit = text[i]!;
    let next = node.next.get(unit);
    if (!next) {
      next = newCharNode();
      node.next.set(unit, next);
    }
    node = next;
  }
  return node;
}

/** The node `text` leads to from `node`, or undefined once no term continues. */
export function walk(node: CharNode | undefined, text: string): CharNode | undefined {
  for (let i = 0; i < text.length && node; i++) node = node.next.get(text[i]!);
  return node;
}

/**
 * A walk that reads runs of one letter as one letter (looooli as loli). It
 * remembers the last letter and the longest run, so a stretched word is told
 * from one that merely doubles a letter ("teen" must not be read as "ten").
 */
export interface SqueezedWalk {
  node: CharNode | undefined;
  last: string;
  run: number;
  longestRun: number;
}

export function walkSqueezed(state: SqueezedWalk, text: string): void {
  for (let i = 0; i < text.length && state.node; i++) {
    const unit = text[i]!;
    if (unit === state.last) state.run++;
    else {
      state.run = 1;
      state.last = unit;
      state.node = state.node.next.get(unit);
    }
    if (state.run > state.longestRun) state.longestRun = state.run;
  }
}
