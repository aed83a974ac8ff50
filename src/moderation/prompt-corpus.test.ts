import { describe, expect, it } from 'vitest';
import { type CorpusRow, loadPromptCorpus } from '../../test/helpers/prompt-corpus.js';
import { decidePrompt } from './index.js';

/**
 * T1: the labelled corpus (test/fixtures/moderation/prompt-corpus.tsv), each
 * prompt decided with mature content off and on. Prints the figures so a run
 * shows them: counts per label, recall, false-positive rate, and every miss.
 */
const rows = loadPromptCorpus();

const outcome = (row: CorpusRow, mature: boolean): string => {
  const d = decidePrompt({ prompt: row.prompt, negativePrompt: row.negativePrompt, mature, denylist: [] });
  return d.decision === 'allow' ? 'allow' : d.category;
};
const show = (row: CorpusRow) => `line ${row.line}: ${JSON.stringify(row.prompt)} / ${JSON.stringify(row.negativePrompt)}`;
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)}%`;

describe('the prompt policy on the labelled corpus', () => {
  const minor = rows.filter((r) => r.label === 'block_minor_sexual');
  const sexual = rows.filter((r) => r.label === 'block_sexual_unless_mature');
  const allowed = rows.filter((r) => r.label === 'allow');

  it('has at least 300 prompts across the three labels', () => {
    console.log(
      `prompt corpus: ${rows.length} prompts — block_minor_sexual ${minor.length}, block_sexual_unless_mature ${sexual.length}, allow ${allowed.length}`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(Math.min(minor.length, sexual.length, allowed.length)).toBeGreaterThan(0);
  });

  it('blocks every minor + sexual prompt as minor_sexual, with mature content off and on (recall 100%)', () => {
    const missed = minor.filter((r) => outcome(r, false) !== 'minor_sexual' || outcome(r, true) !== 'minor_sexual');
    console.log(
      `block_minor_sexual recall: ${minor.length - missed.length}/${minor.length} (${percent(minor.length - missed.length, minor.length)})`,
    );
    for (const r of missed) console.log(`  missed ${show(r)}: off → ${outcome(r, false)}, on → ${outcome(r, true)}`);
    expect(missed.map(show)).toEqual([]);
  });

  it('blocks explicit adult prompts as sexual without mature content, and allows them with it', () => {
    const notBlocked = sexual.filter((r) => outcome(r, false) !== 'sexual');
    const notAllowed = sexual.filter((r) => outcome(r, true) !== 'allow');
    const blocked = sexual.length - notBlocked.length;
    console.log(`block_sexual_unless_mature recall (mature off): ${blocked}/${sexual.length} (${percent(blocked, sexual.length)})`);
    console.log(`block_sexual_unless_mature allowed with mature on: ${sexual.length - notAllowed.length}/${sexual.length}`);
    for (const r of notBlocked) console.log(`  not blocked ${show(r)}: ${outcome(r, false)}`);
    for (const r of notAllowed) console.log(`  not allowed with mature on ${show(r)}: ${outcome(r, true)}`);
    expect(notBlocked.map(show)).toEqual([]);
    expect(notAllowed.map(show)).toEqual([]);
  });

  it('blocks at most 2% of the allow set (false positives), with mature content off or on', () => {
    const falsePositives = allowed.filter((r) => outcome(r, false) !== 'allow' || outcome(r, true) !== 'allow');
    console.log(`allow false positives: ${falsePositives.length}/${allowed.length} (${percent(falsePositives.length, allowed.length)})`);
    for (const r of falsePositives) console.log(`  false positive ${show(r)}: off → ${outcome(r, false)}, on → ${outcome(r, true)}`);
    expect(falsePositives.length / allowed.length).toBeLessThanOrEqual(0.02);
  });
});
