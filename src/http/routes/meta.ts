import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_COUNT, type Meta, type Model, metaSchema, modelsResponseSchema } from '../../contracts/api.js';
import { imageTools } from '../../contracts/tools.js';
import { type ModelConfig, toolOf } from '../../generation/index.js';

export const metaRoutes =
  (deps: { meta: Meta; catalog: ModelConfig[] }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/meta – public facts the UI needs before sign-in. */
    app.get('/api/meta', { config: { access: 'public', cache: 'none' }, schema: { response: { 200: metaSchema } } }, async () => deps.meta);

    const models = () => ({
      demo: deps.meta.demo,
      maxCount: MAX_COUNT,
      // Switched-off models are not on offer; their past generations still show their names.
      models: deps.catalog.filter((m) => m.enabled).map(toModelView),
    });

    /** GET /api/models – the enabled models, each with its cost per run (one image, or `imagesPerTask`). */
    app.get('/api/models', { config: { access: 'public', cache: 'none' }, schema: { response: { 200: modelsResponseSchema } } }, models);

    /** GET /api/v1/models – the same, for an API key with the `read` scope. */
    app.get(
      '/api/v1/models',
      { config: { access: 'user', cache: 'no-store', apiKey: 'read' }, schema: { response: { 200: modelsResponseSchema } } },
      models,
    );
  };

/** The catalog entry as the API shows it: everything but the provider's own model name. */
function toModelView(model: ModelConfig): Model {
  const { providerModel: _internal, enabled: _enabled, steps, guidance, strength, tools: _tools, ...m } = model;
  const tools = imageTools.flatMap((tool) => {
    const offer = toolOf(model, tool);
    return offer ? [{ tool, cost: offer.cost, factors: offer.factors, strength: offer.strength ?? null }] : [];
  });
  return { ...m, steps: steps ?? null, guidance: guidance ?? null, strength: strength ?? null, tools };
}
