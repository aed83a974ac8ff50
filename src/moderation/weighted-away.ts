/**
 * The parts of a prompt given a negative weight, `(adult:-1)`: a model pushes
 * them away as it would a negative prompt, so the policy reads them as one
 * too (they also stay in the prompt). Give it normalised text (normalizeText),
 * so a zero-width character or a full-width colon hides no weight. One pass: each `:` looks ahead past
 * spaces to the next `:` at most, and the group it closes is the innermost
 * bracket still open.
 */
export function textWeightedAway(prompt: string): string {
  const open: number[] = [];
  const depth = new Int32Array(prompt.length + 1);
  let any = false;
  for (let i = 0; i < prompt.length; i++) {
    const ch = prompt[i];
    if (ch === '\\') i++;
    else if (ch === '(') open.push(i);
    else if (ch === ')') open.pop();
    else if (ch === ':' && open.length > 0) {
      let k = i + 1;
      while (prompt[k] === ' ') k++;
      if (prompt[k] === '-' && /[\d.]/.test(prompt[k + 1] ?? '')) {
        const from = open[open.length - 1]! + 1;
        depth[from] = (depth[from] ?? 0) + 1;
        depth[i] = (depth[i] ?? 0) - 1;
        any = true;
      }
    }
  }
  if (!any) return '';
  let out = '';
  let level = 0;
  for (let i = 0; i < prompt.length; i++) {
    const before = level;
    level += depth[i] ?? 0;
    if (level > 0) out += prompt[i];
    else if (before > 0) out += '\n';
  }
  return out;
}
