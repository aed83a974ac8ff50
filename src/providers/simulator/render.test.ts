import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dimensionsFor, escapeXml, renderPlaceholder } from './render.js';

describe('placeholder rendering', () => {
  it('derives dimensions from ratios and named sizes with the longest side 1024', () => {
    expect(dimensionsFor('1:1')).toEqual({ width: 1024, height: 1024 });
    expect(dimensionsFor('16:9')).toEqual({ width: 1024, height: 576 });
    expect(dimensionsFor('2:3')).toEqual({ width: 683, height: 1024 });
    expect(dimensionsFor('portrait_16_9')).toEqual({ width: 576, height: 1024 });
    expect(dimensionsFor('auto')).toEqual({ width: 1024, height: 1024 });
  });

  it('renders identical bytes for the same prompt and seed, different for another prompt', async () => {
    const a = await renderPlaceholder('neon city', 3, '4:3');
    const b = await renderPlaceholder('neon city', 3, '4:3');
    const c = await renderPlaceholder('neon village', 3, '4:3');
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(await sharp(a).metadata()).toMatchObject({ format: 'png', width: 1024, height: 768 });
  });

  it('survives prompts full of markup', async () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    await expect(renderPlaceholder('</text><script>alert(1)</script> & ]]>', 1, '1:1')).resolves.toBeInstanceOf(Buffer);
  });
});
