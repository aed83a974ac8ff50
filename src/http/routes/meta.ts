import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_COUNT, type Meta, type Model, metaSchema, modelsResponseSchema } from '../../contracts/api.js';
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
        // Switched-off models are not on offer; their past generations still show their names.
        models: deps.catalog.filter((m) => m.enabled).map(toModelView),
      }),
    );
  };

/** The catalog entry as the API shows it: everything but the provider's own model name. */
function toModelView({ providerModel: _internal, enabled: _enabled, steps, guidance, strength, ...m }: ModelConfig): Model {
  return { ...m, steps: steps ?? null, guidance: guidance ?? null, strength: strength ?? null };
}
