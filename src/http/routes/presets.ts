import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type BuiltInPresets,
  createPresetSchema,
  MAX_PRESETS,
  presetsResponseSchema,
  updatePresetSchema,
  userPresetSchema,
} from '../../contracts/prompts.js';
import type { Db } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { createPreset, deletePreset, listPresets, updatePreset } from '../../prompts/index.js';
import { userOf } from '../plugins/access.js';

const idParams = z.object({ id: z.uuid() });
const user = { access: 'user', cache: 'no-store' } as const;

export const presetRoutes =
  (deps: { db: Db; clock: Clock; builtIn: BuiltInPresets }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/presets – the built-in presets (quality, undesired content per model family, styles) and the user's own. */
    app.get('/api/presets', { config: user, schema: { response: { 200: presetsResponseSchema } } }, async (req) => ({
      builtIn: deps.builtIn,
      presets: await listPresets(deps, { userId: userOf(req).id }),
      max: MAX_PRESETS,
    }));

    /** POST /api/presets – save the settings under a new name (201); 409 conflict for a name in use, 409 limit_reached past 100. */
    app.post(
      '/api/presets',
      { config: user, schema: { body: createPresetSchema, response: { 201: userPresetSchema } } },
      async (req, reply) => reply.status(201).send(await createPreset(deps, { userId: userOf(req).id, preset: req.body })),
    );

    /** PATCH /api/presets/:id – rename a preset and/or replace its settings. */
    app.patch(
      '/api/presets/:id',
      { config: user, schema: { params: idParams, body: updatePresetSchema, response: { 200: userPresetSchema } } },
      async (req) => updatePreset(deps, { userId: userOf(req).id, presetId: req.params.id, patch: req.body }),
    );

    /** DELETE /api/presets/:id – delete a preset (204). */
    app.delete('/api/presets/:id', { config: user, schema: { params: idParams } }, async (req, reply) => {
      await deletePreset(deps, { userId: userOf(req).id, presetId: req.params.id });
      return reply.status(204).send();
    });
  };
