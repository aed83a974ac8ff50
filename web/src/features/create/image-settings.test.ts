import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseInfotext, readImageSettings, readPngText } from './image-settings.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../../test/fixtures/metadata', name));
const read = (name: string) => readImageSettings(new Blob([fixture(name)]));

describe('settings read from an image', () => {
  it('finds every text chunk libvips finds, compressed iTXt included', async () => {
    for (const name of ['a1111.png', 'a1111-japanese.png', 'a1111-compressed.png', 'novelai.png', 'animegen.png']) {
      const ours = await readPngText(fixture(name));
      const theirs = (await sharp(fixture(name)).metadata()).comments ?? [];
      expect(Object.keys(ours).sort(), name).toEqual(theirs.map((c) => c.keyword).sort());
      for (const c of theirs) expect(ours[c.keyword], `${name} ${c.keyword}`).toBe(c.text);
    }
  });

  it('reads A1111 infotext: prompt, negative prompt, size, model, and names the rest', async () => {
    expect(await read('a1111.png')).toEqual({
      source: 'a1111',
      prompt: '1girl, silver hair, (cherry blossoms:1.2), dusk, masterpiece',
      negativePrompt: 'lowres, bad hands, watermark',
      model: 'illustriousXL_v01',
      width: 832,
      height: 1216,
      aspectRatio: '13:19',
      other: {
        Steps: '28',
        Sampler: 'Euler a',
        'Schedule type': 'Karras',
        'CFG scale': '5',
        Seed: '1234567890',
        'Model hash': '0123abcd',
        'Clip skip': '2',
        'Lora hashes': 'detail: 0a1b2c3d, style: 4e5f6a7b',
        Version: 'v1.10.1',
      },
    });
    expect(await read('a1111-japanese.png')).toMatchObject({
      prompt: '桜の下の銀髪の少女, 夕暮れ',
      negativePrompt: '低画質',
      aspectRatio: '1:1',
    });
    const compressed = await read('a1111-compressed.png');
    expect(compressed).toMatchObject({ prompt: 'a shrine maiden feeding koi, watercolor', model: 'noobai-xl', aspectRatio: '3:4' });
    expect(compressed?.negativePrompt).toBeUndefined();
  });

  it("reads NovelAI's Description and Comment", async () => {
    expect(await read('novelai.png')).toEqual({
      source: 'novelai',
      prompt: 'kitsune girl, autumn leaves, {{detailed}}',
      negativePrompt: 'lowres, {bad}, error, fewer, extra',
      model: 'NovelAI Diffusion V4.5 4BDE2A90',
      width: 832,
      height: 1216,
      aspectRatio: '13:19',
      other: { seed: '3141592653', steps: '28', scale: '5', sampler: 'k_euler_ancestral', noise_schedule: 'karras' },
    });
  });

  it('prefers our own JSON to the infotext beside it', async () => {
    expect(await read('animegen.png')).toEqual({
      source: 'animegen',
      prompt: '夜桜と狐の少女',
      negativePrompt: 'blurry',
      model: 'nano-banana-2',
      aspectRatio: '3:4',
      width: 768,
      height: 1024,
      other: {},
    });
  });

  it('says nothing for an image without settings, or a file that is not a PNG', async () => {
    expect(await read('plain.png')).toBeNull();
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    expect(await readImageSettings(new Blob([jpeg]))).toBeNull();
    expect(await readImageSettings(new Blob([fixture('a1111.png').subarray(0, 60)]))).toBeNull();
  });

  it('keeps a one-line prompt that merely mentions a key as the prompt', () => {
    expect(parseInfotext('a poster that says Size: large')).toMatchObject({ prompt: 'a poster that says Size: large', other: {} });
    expect(parseInfotext('line one\nline two\nNegative prompt: x\ny')).toMatchObject({
      prompt: 'line one\nline two',
      negativePrompt: 'x\ny',
    });
  });
});
