import { describe, expect, it } from 'vitest';
import { canTransition, isTerminal, transitions } from './state.js';

describe('generation state machine', () => {
  it('moves forward only: queued → running → succeeded | failed', () => {
    expect(canTransition('queued', 'running')).toBe(true);
    expect(canTransition('running', 'succeeded')).toBe(true);
    expect(canTransition('running', 'failed')).toBe(true);
    expect(canTransition('queued', 'failed')).toBe(true);
    expect(canTransition('queued', 'succeeded')).toBe(false);
    expect(canTransition('running', 'queued')).toBe(false);
  });

  it('never leaves a terminal state', () => {
    for (const s of ['succeeded', 'failed'] as const) {
      expect(isTerminal(s)).toBe(true);
      expect(transitions[s]).toHaveLength(0);
    }
    expect(isTerminal('queued')).toBe(false);
    expect(isTerminal('running')).toBe(false);
  });
});
