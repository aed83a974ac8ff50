import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { activeStatuses, canTransition, isTerminal, sourcesOf, statusAllows, transitions } from './state.js';

describe('generation state machine', () => {
  it('moves forward only: queued → running → succeeded | failed', () => {
    expect(canTransition('queued', 'running')).toBe(true);
    expect(canTransition('running', 'succeeded')).toBe(true);
    expect(canTransition('running', 'failed')).toBe(true);
    expect(canTransition('queued', 'failed')).toBe(true);
    expect(canTransition('queued', 'succeeded')).toBe(false);
    expect(canTransition('running', 'queued')).toBe(false);
  });

  it('cancels only what has not ended: queued or running → canceled', () => {
    expect(canTransition('queued', 'canceled')).toBe(true);
    expect(canTransition('running', 'canceled')).toBe(true);
    expect(canTransition('succeeded', 'canceled')).toBe(false);
    expect(canTransition('failed', 'canceled')).toBe(false);
    expect(sourcesOf('canceled')).toEqual(['queued', 'running']);
    // A canceled generation can neither finish nor fail later (the worker's CAS finds nothing to move).
    expect(canTransition('canceled', 'succeeded')).toBe(false);
    expect(canTransition('canceled', 'failed')).toBe(false);
  });

  it('never leaves a terminal state', () => {
    for (const s of ['succeeded', 'failed', 'canceled'] as const) {
      expect(isTerminal(s)).toBe(true);
      expect(transitions[s]).toHaveLength(0);
    }
    expect(isTerminal('queued')).toBe(false);
    expect(isTerminal('running')).toBe(false);
    expect(activeStatuses).toEqual(['queued', 'running']);
  });

  it('guards each move in SQL with exactly the statuses the table allows it from', () => {
    const dialect = new PgDialect();
    expect(sourcesOf('failed')).toEqual(['queued', 'running']);
    const guard = dialect.sqlToQuery(statusAllows('failed'));
    expect(guard.sql).toBe('"status" in ($1, $2)');
    expect(guard.params).toEqual(['queued', 'running']);
    expect(dialect.sqlToQuery(statusAllows('succeeded')).params).toEqual(['running']);
  });
});
