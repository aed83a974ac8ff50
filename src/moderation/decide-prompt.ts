import type { PolicyCategory } from '../contracts/moderation.js';
import { hasMinorAge } from './detect-age.js';
import { normalizeText } from './normalize-prompt.js';
import {
  ADULT_STEERING_TERMS,
  BENIGN_JA,
  CLOTHING_STEERING_TERMS,
  COMPOUNDS,
  MINOR_TERMS,
  MINOR_TERMS_JA,
  SEXUAL_TERMS,
  SEXUAL_TERMS_JA,
  SUGGESTIVE_TERMS,
  YOUNG_TERMS,
} from './policy-terms.js';
import {
  ADULT_STEERING,
  CLOTHING_STEERING,
  compileTerms,
  DENIED,
  findTerms,
  MINOR,
  type ReadText,
  readText,
  SEXUAL,
  SUGGESTIVE,
  type TermSet,
  YOUNG,
} from './term-matcher.js';
import { textWeightedAway } from './weighted-away.js';

/** Why a prompt is refused (the wire's list). Only the category is ever told; never the word that matched. */
export type PromptBlockCategory = Extract<PolicyCategory, 'minor_sexual' | 'sexual' | 'denylist'>;

export type PromptDecision = { decision: 'allow' } | { decision: 'block'; category: PromptBlockCategory };

/** The operator's denylist, compiled by {@link compileDenylist}. */
export interface Denylist {
  readonly terms: TermSet;
}

export interface PromptToDecide {
  prompt: string;
  negativePrompt?: string | null;
  /** The account has opted into mature content: explicit adult content is allowed. Never minors. */
  mature: boolean;
  /** Operator terms that always block: compiled once with compileDenylist, or a plain list (compiled and kept per list). */
  denylist: Denylist | readonly string[];
}

const BUILT_IN = compileTerms(
  [
    { roles: MINOR, terms: [...MINOR_TERMS, ...MINOR_TERMS_JA] },
    { roles: YOUNG, terms: YOUNG_TERMS },
    { roles: SUGGESTIVE, terms: SUGGESTIVE_TERMS, wordStart: true },
    { roles: SEXUAL, terms: [...SEXUAL_TERMS, ...SEXUAL_TERMS_JA], wordStart: true },
    { roles: ADULT_STEERING, terms: ADULT_STEERING_TERMS, wordStart: true },
    { roles: CLOTHING_STEERING, terms: CLOTHING_STEERING_TERMS, wordStart: true },
  ],
  { compounds: COMPOUNDS, benignCjk: BENIGN_JA },
);

/**
 * The operator's terms, normalised as prompts are: a Latin term matches
 * whole words (a phrase, its words in order), a Japanese or Chinese one
 * matches inside words; case, full-width forms, look-alike letters,
 * leetspeak and inserted punctuation do not hide a match.
 */
export function compileDenylist(terms: readonly string[]): Denylist {
  return { terms: compileTerms([{ roles: DENIED, terms }]) };
}

const compiledLists = new WeakMap<readonly string[], Denylist>();

function denylistOf(denylist: Denylist | readonly string[]): Denylist {
  if (!Array.isArray(denylist)) return denylist as Denylist;
  const list = denylist as readonly string[];
  let compiled = compiledLists.get(list);
  if (!compiled) {
    compiled = compileDenylist(list);
    compiledLists.set(list, compiled);
  }
  return compiled;
}

function rolesOf(text: ReadText, denylist: Denylist): number {
  const ages = hasMinorAge(text.plain) || hasMinorAge(text.leet) ? MINOR : 0;
  return findTerms(BUILT_IN, text) | findTerms(denylist.terms, text) | ages;
}

const ALLOW: PromptDecision = { decision: 'allow' };
const block = (category: PromptBlockCategory): PromptDecision => ({ decision: 'block', category });

/**
 * Whether a generation prompt may be sent to an image model. Pure and linear
 * in the length of the text; the same input always gives the same answer.
 *
 * - `minor_sexual`, whatever `mature` says: the prompt asks for a minor (a
 *   minor marker or an age under 18 in it, or adulthood pushed away in the
 *   negative prompt or by a negative weight) and for sexual content; or for
 *   a minor (other than "young") with a suggestive word (lingerie, sexy).
 *   Words in the negative prompt steer away from what they name: "nsfw,
 *   loli, child" there is the common safety negative and asks for neither.
 *   Only the steering that turns toward a minor (adulthood, clothing pushed
 *   away) counts from there.
 * - `denylist`: an operator term in either field (the model reads both).
 * - `sexual`: explicit content in the prompt, or clothing pushed away in the
 *   negative prompt, unless `mature`. Sexual words in the negative prompt
 *   alone ("nsfw, nude" as a safety negative) are not sexual content.
 *
 * When several apply, the first in this order is reported: the one the user
 * can least change. minor_sexual holds whatever anyone opts into; an
 * operator's term holds whatever the user opts into; sexual only until the
 * opt-in. Matches only add up: no word anywhere cancels another (the one
 * exception being fixed compounds such as "nude lipstick", see COMPOUNDS).
 */
export function decidePrompt(input: PromptToDecide): PromptDecision {
  const denylist = denylistOf(input.denylist);
  const prompt = rolesOf(readText(input.prompt), denylist);
  const negativeText = [input.negativePrompt ?? '', textWeightedAway(normalizeText(input.prompt))].join('\n');
  const negative = rolesOf(readText(negativeText), denylist);
  const either = prompt | negative;
  const sexualPrompt = (prompt & SEXUAL) !== 0 || (negative & CLOTHING_STEERING) !== 0;
  const minorAsked = (prompt & MINOR) !== 0 || (negative & ADULT_STEERING) !== 0;
  const minorSexual = ((minorAsked || (prompt & YOUNG) !== 0) && sexualPrompt) || ((prompt & MINOR) !== 0 && (prompt & SUGGESTIVE) !== 0);
  if (minorSexual) return block('minor_sexual');
  if ((either & DENIED) !== 0) return block('denylist');
  if (sexualPrompt && !input.mature) return block('sexual');
  return ALLOW;
}
