import { z } from 'zod';

/** Global switches that make the simulator misbehave like the real service. */
export interface Behaviour {
  /** Time from createTask to a finished task; applies to tasks created after a change. */
  delayMs: number;
  /** The next N createTask calls answer HTTP 200 with body code 500. */
  failNextCreates: number;
  /** The next N Market tasks and Midjourney upscales/variations are accepted, then end failed (code 500), as a generation KIE could not finish. */
  failNextTasks: number;
  /** Enforce 20 createTask per 10 s; the 21st gets body code 429 and is not queued. */
  rateLimit: boolean;
  /** The next N requests answer HTTP 503 with an HTML page. */
  httpErrors: number;
  /** Emit `message` instead of `msg`, as some official examples do. */
  useMessageField: boolean;
  /** createTask answers body code 402. */
  outOfCredits: boolean;
  /** Hold every response this long, to provoke client timeouts. */
  hangMs: number;
  /** The next N createTask calls answer body code 429 (refused, not queued). */
  throttleNextCreates: number;
  /** The next N API answers (createTask, recordInfo) are cut-off, malformed JSON. */
  garbleNext: number;
  /** Result files answer a redirect to this URL instead of the image (e.g. a private address). */
  redirectResultsTo: string | null;
}

export const behaviourPatchSchema = z
  .object({
    delayMs: z.number().int().min(0),
    failNextCreates: z.number().int().min(0),
    failNextTasks: z.number().int().min(0),
    rateLimit: z.boolean(),
    httpErrors: z.number().int().min(0),
    useMessageField: z.boolean(),
    outOfCredits: z.boolean(),
    hangMs: z.number().int().min(0),
    throttleNextCreates: z.number().int().min(0),
    garbleNext: z.number().int().min(0),
    redirectResultsTo: z.url().nullable(),
  })
  .partial()
  .strict();

export function defaultBehaviour(delayMs: number): Behaviour {
  return {
    delayMs,
    failNextCreates: 0,
    failNextTasks: 0,
    rateLimit: true,
    httpErrors: 0,
    useMessageField: false,
    outOfCredits: false,
    hangMs: 0,
    throttleNextCreates: 0,
    garbleNext: 0,
    redirectResultsTo: null,
  };
}

/**
 * SIMULATOR_BEHAVIOUR: JSON switches applied at start (e.g. {"outOfCredits":true}),
 * to try the service's failure paths by hand without a test harness.
 */
export function parseBehaviourPatch(json: string | undefined): Partial<Behaviour> | null {
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('not valid JSON');
  }
  const parsed = behaviourPatchSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
