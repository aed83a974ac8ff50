import { afterEach, describe, expect, it } from 'vitest';
import { type ComfyFake, startComfyFake } from '../../../test/fakes/comfyui-fake.js';
import { waitForTask } from '../../../test/fakes/kie-simulator.js';
import { createProvider } from '../registry.js';

let fake: ComfyFake | undefined;
afterEach(async () => {
  await fake?.close();
});

describe("createProvider({ kind: 'comfyui' })", () => {
  it('builds the ComfyUI adapter from config, revealing a wrapped token only into the Bearer header', async () => {
    fake = await startComfyFake({ token: 'from-config', checkpoints: ['animagine-xl-4.0.safetensors', 'noobaiXL.safetensors'] });
    const provider = createProvider({
      kind: 'comfyui',
      baseUrl: `${fake.url}/`,
      token: { reveal: () => 'from-config' },
      checkpoint: 'noobaiXL',
      megapixels: 1 / 16,
    });
    expect(provider).toMatchObject({ name: 'comfyui', demo: false });
    const taskId = await provider.createTask({ providerModel: 'default', prompt: 'x', aspectRatio: '1:1', seed: 1, references: [] });
    await expect(waitForTask(provider, taskId)).resolves.toMatchObject({ state: 'succeeded' });
    const loader = Object.values(fake.prompts()[0] ?? {}).find((n) => n.class_type === 'CheckpointLoaderSimple');
    expect(loader?.inputs?.ckpt_name).toBe('noobaiXL.safetensors');
  });
});
