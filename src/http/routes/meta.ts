import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_COUNT, type Meta, metaSchema, modelsResponseSchema } from '../../contracts/api.js';
import type { ModelConfig } from '../../generation/index.js';

export const metaRoutes =
  (deps: { meta: Meta; catalog: ModelConfig[] }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/meta – public facts the UI needs before sign-in. */
    app.get('/api/meta', { config: { access: 'public', cache: 'none' }, schema: { response: { 200: metaSchema } } }, async () => deps.meta);

    /** GET /api/models – the enabled models, each with its cost per run (one image, or `imagesPerTask`). */
    app.get(
      '/api/models',
      { config: { access: 'public', cache: 'none' }, schema: { response: { 200: modelsResponseSchema } } },
      async () => ({
        demo: deps.meta.demo,
        maxCount: MAX_COUNT,
        models: deps.catalog
          .filter((m) => m.enabled)
          .map((m) => ({
            id: m.id,
            name: m.name,
            cost: m.cost,
            aspectRatios: m.aspectRatios,
            maxReferences: m.maxReferences,
            requiresReference: m.requiresReference,
            supportsNegativePrompt: m.supportsNegativePrompt,
            maxPromptLength: m.maxPromptLength,
            imagesPerTask: m.imagesPerTask,
          })),
      }),
    );
  };
