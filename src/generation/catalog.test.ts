import { describe, expect, it } from 'vitest';
import { checkCatalogEntry, modelReferenceSupport } from '../providers/index.js';
import { defaultModels } from './catalog.js';

describe('the default catalog', () => {
  it('passes the KIE model table for every default model', () => {
    for (const model of defaultModels) expect(checkCatalogEntry(model), model.id).toEqual([]);
  });

  it('never offers more references than the KIE model takes', () => {
    for (const model of defaultModels) {
      const support = modelReferenceSupport(model.providerModel);
      expect(support.known).toBe(true);
      expect(model.maxReferences).toBeLessThanOrEqual(support.maxReferences);
    }
  });
});

describe('Midjourney niji 6 in the default catalog', () => {
  const niji = defaultModels.find((m) => m.id === 'niji-6');

  it('ships switched off until an operator confirms KIE still sells it', () => {
    expect(niji).toMatchObject({ enabled: false, providerModel: 'midjourney/niji6', imagesPerTask: 4 });
    expect(defaultModels.filter((m) => m.enabled).map((m) => m.id)).not.toContain('niji-6');
  });

  it('offers no seed, no negative prompt and no references, and Midjourney’s own prompt limit and ratios', () => {
    expect(niji).toMatchObject({ seed: false, supportsNegativePrompt: false, maxReferences: 0, maxPromptLength: 2000 });
    expect(niji?.aspectRatios).toEqual(expect.arrayContaining(['1:1', '2:3', '9:16', '5:6', '1:2', '2:1']));
  });
});
