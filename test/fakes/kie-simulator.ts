import { createKieProvider, type KieProviderOptions } from '../../src/providers/kie/kie-provider.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/providers/simulator/server.js';
import { type CreateTaskInput, type ImageProvider, ProviderError, type TaskState } from '../../src/providers/types.js';

export const SIM_API_KEY = 'sim-test-key';

export interface SimulatedKie {
  sim: Simulator;
  provider: ImageProvider;
  close(): Promise<void>;
}

/**
 * The real KIE adapter talking HTTP to a fresh simulator on a random loopback
 * port, with test-sized delays. Override adapter options through `provider`.
 */
export async function startSimulatedKie(
  options: { sim?: SimulatorOptions; provider?: Partial<KieProviderOptions> } = {},
): Promise<SimulatedKie> {
  const sim = await startSimulator({ delayMs: 30, apiKey: SIM_API_KEY, ...options.sim });
  const provider = createKieProvider({
    apiKey: SIM_API_KEY,
    baseUrl: sim.url,
    uploadBaseUrl: sim.url,
    allowedResultHosts: [new URL(sim.url).host],
    timeoutMs: 5_000,
    demo: true,
    ...options.provider,
  });
  return { sim, provider, close: () => sim.close() };
}

/** Polls getTask until the task leaves `pending`, or throws after `timeoutMs`. */
export async function waitForTask(provider: ImageProvider, taskId: string, timeoutMs = 5_000): Promise<TaskState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await provider.getTask(taskId);
    if (state.state !== 'pending') return state;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The ProviderError a promise rejects with; fails the test if it resolves or throws something else. */
export async function providerErrorOf(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError, but the call succeeded');
}

/** A createTask input with sensible defaults. */
export function makeTaskInput(overrides: Partial<CreateTaskInput> = {}): CreateTaskInput {
  return {
    providerModel: 'google/nano-banana',
    prompt: 'a fox spirit under cherry blossoms',
    aspectRatio: '1:1',
    seed: 1,
    references: [],
    ...overrides,
  };
}
