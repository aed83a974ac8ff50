import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/lib/paths.js';

export type CorpusLabel = 'block_minor_sexual' | 'block_sexual_unless_mature' | 'allow';

export interface CorpusRow {
  /** 1-based line in the file, for messages. */
  line: number;
  label: CorpusLabel;
  prompt: string;
  negativePrompt: string;
  notes: string;
}

const LABELS = new Set<string>(['block_minor_sexual', 'block_sexual_unless_mature', 'allow']);

/** The labelled prompt corpus (test/fixtures/moderation/prompt-corpus.tsv); throws on a malformed row. */
export function loadPromptCorpus(): CorpusRow[] {
  const lines = readFileSync(projectPath('test/fixtures/moderation/prompt-corpus.tsv'), 'utf8').split('\n');
  const rows: CorpusRow[] = [];
  lines.forEach((text, i) => {
    if (i === 0 || text.trim() === '') return;
    const [label = '', prompt = '', negativePrompt = '', notes = ''] = text.split('\t');
    if (!LABELS.has(label) || !prompt) throw new Error(`prompt-corpus.tsv line ${i + 1}: bad row`);
    rows.push({ line: i + 1, label: label as CorpusLabel, prompt, negativePrompt, notes });
  });
  return rows;
}
