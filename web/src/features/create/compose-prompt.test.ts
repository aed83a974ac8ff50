import { describe, expect, it } from 'vitest';
import type { BuiltInPresets } from '../../api/contracts.js';
import { composeNegative, composePrompt, familyOf, noPresets } from './compose-prompt.js';

const presets: BuiltInPresets = {
  families: {
    natural: { quality: 'A detailed anime illustration', undesired: { heavy: 'blur, text, bad hands', light: 'blur', none: '' } },
    sdxl: { quality: 'masterpiece, best quality', undesired: { heavy: 'lowres, bad anatomy, bad hands', light: 'lowres', none: '' } },
  },
  styles: [
    {
      id: 'cel',
      name: { en: 'Cel', ja: 'セル' },
      templates: { natural: '{prompt}, in a cel-shaded style', sdxl: '{prompt}, cel shading' },
    },
    { id: 'around', name: { en: 'Around', ja: 'Around' }, templates: { natural: 'a poster of {prompt}, framed' } },
    { id: 'after', name: { en: 'After', ja: 'After' }, templates: { natural: 'watercolour' } },
  ],
};

describe('composing the prompt that is sent', () => {
  it('sends the words as written when no preset is chosen', () => {
    expect(composePrompt('  1girl, silver hair  ', 'sdxl', noPresets, presets)).toBe('1girl, silver hair');
    expect(composePrompt('a fox', 'natural', noPresets, undefined)).toBe('a fox');
  });

  it('puts the family’s quality tags first, then the style around the prompt', () => {
    const choice = { quality: true, style: 'cel', undesired: 'none' as const };
    expect(composePrompt('1girl, silver hair,', 'sdxl', choice, presets)).toBe(
      'masterpiece, best quality, 1girl, silver hair, cel shading',
    );
    expect(composePrompt('a girl with silver hair', 'natural', choice, presets)).toBe(
      'A detailed anime illustration, a girl with silver hair, in a cel-shaded style',
    );
  });

  it('places the prompt where the template says, or before a template that does not say', () => {
    expect(composePrompt('a fox', 'natural', { ...noPresets, style: 'around' }, presets)).toBe('a poster of a fox, framed');
    expect(composePrompt('a fox', 'natural', { ...noPresets, style: 'after' }, presets)).toBe('a fox, watercolour');
    // A family without its own template (or its own texts) uses the natural one.
    expect(composePrompt('a fox', 'sdxl', { ...noPresets, style: 'after' }, presets)).toBe('a fox, watercolour');
    expect(composePrompt('a fox', 'flux', { ...noPresets, quality: true }, presets)).toBe('A detailed anime illustration, a fox');
    expect(composePrompt('a fox', 'natural', { ...noPresets, style: 'gone' }, presets)).toBe('a fox');
    // Nothing written yet: the style alone, without a stray comma.
    expect(composePrompt('', 'sdxl', { ...noPresets, style: 'cel' }, presets)).toBe('cel shading');
  });

  it('adds the undesired-content preset before the user’s own negative prompt', () => {
    expect(composeNegative('', 'sdxl', { ...noPresets, undesired: 'heavy' }, presets)).toBe('lowres, bad anatomy, bad hands');
    expect(composeNegative('extra ears', 'sdxl', { ...noPresets, undesired: 'light' }, presets)).toBe('lowres, extra ears');
    expect(composeNegative(' extra ears ', 'sdxl', noPresets, presets)).toBe('extra ears');
    expect(composeNegative('', 'natural', noPresets, presets)).toBe('');
  });

  it('reads the family from the catalog, or from whether the model takes a negative prompt', () => {
    expect(familyOf({ supportsNegativePrompt: false, family: 'sdxl' })).toBe('sdxl');
    expect(familyOf({ supportsNegativePrompt: true })).toBe('sdxl');
    expect(familyOf({ supportsNegativePrompt: false })).toBe('natural');
  });
});
