import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderLog } from './kie/kie-provider.js';
import { createProvider } from './registry.js';
import { type Simulator, startSimulator } from './simulator/server.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
});

describe('createProvider', () => {
  it('points the KIE adapter at a simulator URL as a demo provider that may download from it', async () => {
    sim = await startSimulator({ apiKey: 'k', delayMs: 10 });
    const provider = createProvider({ kind: 'simulator-url', url: `${sim.url}/`, apiKey: 'k' });
    expect(provider).toMatchObject({ name: 'kie', demo: true });
    const taskId = await provider.createTask({
      providerModel: 'google/nano-banana',
      prompt: 'x',
      aspectRatio: '1:1',
      seed: 1,
      references: [],
    });
    let state = await provider.getTask(taskId);
    while (state.state === 'pending') state = await provider.getTask(taskId);
    const url = state.state === 'succeeded' ? state.resultUrls[0] : undefined;
    await expect(provider.downloadResult(url ?? '')).resolves.toMatchObject({ contentType: 'image/png' });
  });

  it('builds a real KIE provider from config, revealing a wrapped secret only to the adapter', () => {
    const provider = createProvider({
      kind: 'kie',
      apiKey: { reveal: () => 'real-key' },
      baseUrl: 'https://api.kie.ai',
      uploadBaseUrl: 'https://kieai.redpandaai.co',
      resultHosts: null,
    });
    expect(provider).toMatchObject({ name: 'kie', demo: false });
  });

  it('accepts a pino logger as its log', () => {
    const log: ProviderLog = pino({ level: 'silent' });
    expect(() => createProvider({ kind: 'simulator-url', url: 'http://127.0.0.1:1', apiKey: 'k' }, { log })).not.toThrow();
  });
});
