import type { GenerationStatus } from '../contracts/api.js';

/**
 * The generation state machine as data. Every status change in the database is
 * guarded by its expected current status (`WHERE status = from`), so two
 * workers, a callback and the deadline sweeper cannot both advance one row.
 */
export const transitions = {
  queued: ['running', 'failed'],
  running: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
} as const satisfies Record<GenerationStatus, readonly GenerationStatus[]>;

export type Transition = { [F in GenerationStatus]: { from: F; to: (typeof transitions)[F][number] } }[GenerationStatus];

export function canTransition(from: GenerationStatus, to: GenerationStatus): boolean {
  return (transitions[from] as readonly GenerationStatus[]).includes(to);
}

export function isTerminal(status: GenerationStatus): boolean {
  switch (status) {
    case 'queued':
    case 'running':
      return false;
    case 'succeeded':
    case 'failed':
      return true;
    default: {
      const never: never = status;
      throw new Error(`unknown status ${never}`);
    }
  }
}

/** Statuses a generation may be failed from (deadline, refund). */
export const activeStatuses = ['queued', 'running'] as const satisfies readonly GenerationStatus[];
