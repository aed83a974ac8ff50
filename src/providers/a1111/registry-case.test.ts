import { afterEach, describe, expect, it } from 'vitest';
import { type A1111Fake, startA1111Fake } from '../../../test/fakes/a1111-fake.js';
import { waitForTask } from '../../../test/fakes/kie-simulator.js';
import { createProvider } from '../registry.js';

let fake: A1111Fake | undefined;
afterEach(async () => {
  await fake?.close();
});

describe("createProvider({ kind: 'a1111' })", () => {
  it('builds the webui adapter from config, revealing a wrapped password only into the Basic header', async () => {
    fake = await startA1111Fake({
      auth: { username: 'anime', password: 'from-config' },
      checkpoints: ['anything-v5.safetensors [7f96a1a9ca]'],
    });
    const provider = createProvider({
      kind: 'a1111',
      baseUrl: `${fake.url}/`,
      username: 'anime',
      password: { reveal: () => 'from-config' },
      checkpoint: 'anything-v5',
      defaults: { longestSide: 64 },
    });
    expect(provider).toMatchObject({ name: 'a1111', demo: false });
    const taskId = await provider.createTask({ providerModel: 'default', prompt: 'x', aspectRatio: '1:1', seed: 1, references: [] });
    await expect(waitForTask(provider, taskId)).resolves.toMatchObject({ state: 'succeeded' });
    expect(fake.generations()[0]?.body?.override_settings).toEqual({ sd_model_checkpoint: 'anything-v5.safetensors [7f96a1a9ca]' });
  });
});
