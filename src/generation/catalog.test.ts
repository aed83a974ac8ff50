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
