import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type DecodePixels, parseInfotext, readImageSettings, readPngText, settingsFromText } from './image-settings.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../../test/fixtures/metadata', name));
/** libvips decodes the pixels here, as the browser's canvas does on the page. */
const decode: DecodePixels = async (file) => {
  const { data, info } = await sharp(Buffer.from(await file.arrayBuffer()))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};
const read = (name: string) => readImageSettings(new Blob([fixture(name)]), decode);

describe('settings read from an image', () => {
  it('finds every text chunk libvips finds, compressed iTXt included', async () => {
    const pngs = ['a1111.png', 'a1111-japanese.png', 'a1111-compressed.png', 'novelai.png', 'animegen.png'];
    for (const name of [...pngs, 'comfyui.png', 'invokeai.png', 'fooocus.png', 'swarmui.png']) {
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
    expect(await readImageSettings(new Blob([jpeg]), decode)).toBeNull();
    expect(await readImageSettings(new Blob([fixture('a1111.png').subarray(0, 60)]), decode)).toBeNull();
    const rgba = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } } })
      .png()
      .toBuffer();
    expect(await readImageSettings(new Blob([rgba]), decode)).toBeNull();
  });

  it('keeps a one-line prompt that merely mentions a key as the prompt', () => {
    expect(parseInfotext('a poster that says Size: large')).toMatchObject({ prompt: 'a poster that says Size: large', other: {} });
    expect(parseInfotext('line one\nline two\nNegative prompt: x\ny')).toMatchObject({
      prompt: 'line one\nline two',
      negativePrompt: 'x\ny',
    });
  });

  it('finds a ComfyUI prompt by following the sampler to its text encoders, not by guessing', async () => {
    expect(await read('comfyui.png')).toEqual({
      source: 'comfyui',
      prompt: '1girl, fox ears, shrine at night, paper lanterns',
      negativePrompt: 'lowres, bad anatomy, watermark',
      model: 'animagineXL_v31',
      width: 896,
      height: 1152,
      aspectRatio: '7:9',
      other: { seed: '8675309', steps: '24', cfg: '5.5', sampler_name: 'euler_ancestral', scheduler: 'karras' },
    });
  });

  it('reads InvokeAI, Fooocus and SwarmUI JSON', async () => {
    expect(await read('invokeai.png')).toEqual({
      source: 'invokeai',
      prompt: 'a witch apprentice reading in a library, warm light',
      negativePrompt: 'blurry, jpeg artifacts',
      model: 'Animagine XL 3.1',
      width: 1024,
      height: 1024,
      aspectRatio: '1:1',
      other: { seed: '2718281828', steps: '30', cfg_scale: '6.5', scheduler: 'dpmpp_2m_k' },
    });
    expect(await read('fooocus.png')).toEqual({
      source: 'fooocus',
      prompt: 'a girl with an umbrella in the rain, city lights',
      negativePrompt: 'lowres, text',
      model: 'animaPencilXL_v500',
      width: 832,
      height: 1216,
      aspectRatio: '13:19',
      other: {
        seed: '1357924680',
        steps: '30',
        guidance_scale: '4',
        sampler: 'dpmpp_2m_sde_gpu',
        scheduler: 'karras',
        styles: "['Fooocus V2', 'Fooocus Anime']",
        performance: 'Speed',
      },
    });
    expect(await read('swarmui.png')).toEqual({
      source: 'swarmui',
      prompt: 'a mecha pilot girl on a hangar catwalk, dramatic lighting',
      negativePrompt: 'worst quality',
      model: 'ponyDiffusionV6XL',
      width: 832,
      height: 1248,
      aspectRatio: '2:3',
      other: { seed: '24680', steps: '28', cfgscale: '7', sampler: 'dpmpp_2m', scheduler: 'karras' },
    });
  });

  it('reads older InvokeAI: sd-metadata JSON and the Dream command line, the negative in square brackets', () => {
    const expected = {
      source: 'invokeai',
      prompt: 'a fox spirit in the snow',
      negativePrompt: 'blurry, lowres',
      width: 512,
      height: 768,
      aspectRatio: '2:3',
      other: { steps: '50', seed: '3735928559', cfg_scale: '7.5', sampler: 'k_lms' },
    };
    expect(
      settingsFromText({ Dream: '"a fox spirit in the snow [blurry, lowres]" -s 50 -S 3735928559 -W 512 -H 768 -C 7.5 -A k_lms' }),
    ).toEqual(expected);
    const image = {
      prompt: [{ prompt: 'a fox spirit in the snow [blurry, lowres]', weight: 1 }],
      seed: 3735928559,
      steps: 50,
      cfg_scale: 7.5,
      sampler: 'k_lms',
      width: 512,
      height: 768,
    };
    expect(settingsFromText({ 'sd-metadata': JSON.stringify({ model_weights: 'stable-diffusion-1.5', image }) })).toEqual({
      ...expected,
      model: 'stable-diffusion-1.5',
    });
  });

  const novelai = {
    source: 'novelai',
    prompt: 'twin-tailed girl, winter festival, snow, {{best quality}}',
    negativePrompt: 'lowres, artistic error, blurry',
    model: 'NovelAI Diffusion V4.5 4BDE2A90',
    width: 832,
    height: 1216,
    aspectRatio: '13:19',
    other: { seed: '1618033988', steps: '23', scale: '6', sampler: 'k_euler_ancestral', noise_schedule: 'karras' },
  };

  it("reads NovelAI's copy hidden in the alpha channel of a PNG without text", async () => {
    expect(await readPngText(fixture('novelai-stealth.png'))).toEqual({});
    expect(await read('novelai-stealth.png')).toEqual(novelai);
  });

  it('reads EXIF in a JPEG or WebP: A1111 and NovelAI as libvips writes them, and our own downloads', async () => {
    expect(await read('a1111.jpg')).toMatchObject({
      source: 'a1111',
      prompt: '1girl, maid, cafe interior',
      negativePrompt: 'lowres',
      model: 'anything-v5',
      aspectRatio: '2:3',
      other: { Steps: '20', Seed: '42', Sampler: 'DPM++ 2M', 'CFG scale': '7' },
    });
    expect(await read('novelai.webp')).toEqual(novelai);
    for (const name of ['animegen.jpg', 'animegen.webp']) {
      expect(await read(name), name).toEqual({
        source: 'animegen',
        prompt: '夜桜と狐の少女, lantern light',
        negativePrompt: 'blurry',
        model: 'nano-banana',
        aspectRatio: '3:4',
        width: 768,
        height: 1024,
        other: {},
      });
    }
  });
});
