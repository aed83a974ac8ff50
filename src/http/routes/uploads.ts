import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { uploadSchema } from '../../contracts/api.js';
import { type GenerationContext, uploadReference } from '../../generation/index.js';
import { AppError } from '../../lib/errors.js';
import { consentedUserOf, withApiTwin } from '../plugins/access.js';

export const uploadRoutes =
  (
    deps: Pick<GenerationContext, 'db' | 'storage' | 'images' | 'imageModerator' | 'knownImages' | 'log'> & { maxBytes: number },
  ): FastifyPluginAsyncZod =>
  async (app) => {
    /** POST /api/uploads (and /api/v1/uploads, `generate` scope) – one reference image (multipart field `file`), validated and re-encoded (201); 403 age_confirmation_required before the welcome step. */
    for (const { url, config } of withApiTwin('/api/uploads', 'generate')) {
      app.post(url, { config, schema: { response: { 201: uploadSchema } } }, async (req, reply) => {
        const user = consentedUserOf(req);
        if (!req.isMultipart()) throw new AppError('invalid_input', 'Send the image as multipart/form-data in a field called "file".');
        const file = await req.file({ limits: { fileSize: deps.maxBytes, files: 1 } });
        if (file?.fieldname !== 'file') throw new AppError('invalid_input', 'Send the image in a field called "file".', { field: 'file' });
        const bytes = await file.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('image_too_large', `Images can be at most ${Math.round(deps.maxBytes / 1024 / 1024)} MB.`);
          }
          throw err;
        });
        const upload = await uploadReference(deps, { userId: user.id, bytes, mature: user.mature });
        return reply.status(201).send(upload);
      });
    }
  };
