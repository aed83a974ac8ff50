import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorCodes } from '../contracts/errors.js';
import { webhookPayloadSchema } from '../contracts/webhooks.js';

/**
 * The public API's OpenAPI 3.1 document, generated from the routes' own zod
 * schemas: the versioned API (/api/v1) and the file routes its answers link
 * to, i.e. every route that admits an API key. Served at /api/openapi.json and
 * readable at /docs/api (Swagger UI from the npm package, served by us: no CDN).
 * docs/openapi.json is this document committed (`npm run openapi`; a test fails when they differ).
 */
const errorSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string().describe('Safe to show a person, in English.'),
    field: z.string().optional().describe('The first bad field (body, query or header), on invalid_input.'),
    category: z.string().optional(),
    requestId: z.string().optional().describe('On a 500: quote it to support.'),
  }),
});

const refusals: Record<string, string> = {
  '401': 'No key, or a key that is not valid (unknown, expired, revoked, or its owner suspended).',
  '403': 'The key lacks the scope this operation needs.',
  '404': 'Not found, or not yours.',
  '422': 'The request failed validation; `error.field` names the first bad field.',
  '429': 'Over the key’s rate limit; `Retry-After` says when to try again.',
};

/** Which routes the document describes: those an API key can call. */
const isPublicApi = (url: string, config: unknown) =>
  Boolean((config as { apiKey?: string } | undefined)?.apiKey) && url.startsWith('/api/');

const scopeNote: Record<string, string> = {
  read: 'Needs an API key with the `read` scope.',
  generate: 'Needs an API key with the `generate` scope.',
};

/** Registers the document's generator and its viewer; must run before the routes are added. */
export async function registerOpenApi(app: FastifyInstance, o: { version: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'AnimeGen API',
        version: o.version,
        description:
          'Generate anime images from scripts. Authenticate with `Authorization: Bearer ag_…` (an API key made in Settings → API keys). ' +
          'See docs/api-guide.md for scopes, idempotency, rate limits, webhooks and errors.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: '/', description: 'This AnimeGen server' }],
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `ag_` and 43 characters.' } },
      },
      security: [{ apiKey: [] }],
      webhooks: webhookOperations(),
      tags: [
        { name: 'models', description: 'What can be generated, and at what price' },
        { name: 'generations', description: 'Create, follow, list and delete generations' },
        { name: 'files', description: 'Images and uploads' },
        { name: 'credits', description: 'The credit balance' },
      ],
    },
    transform: (input) => {
      const { route, url } = input;
      if (!isPublicApi(url, route.config)) return { schema: { ...input.schema, hide: true }, url };
      const scope = (route.config as { apiKey: string }).apiKey;
      const { schema } = jsonSchemaTransform(input) as { schema: Record<string, unknown>; url: string };
      const responses = {
        ...(schema.response as Record<string, unknown> | undefined),
        ...extraResponses[`${String(route.method)} ${openApiPath(url)}`],
      };
      for (const [status, description] of Object.entries(refusals)) {
        responses[status] ??= {
          description,
          content: { 'application/json': { schema: z.toJSONSchema(errorSchema, { target: 'draft-2020-12' }) } },
        };
      }
      return {
        url,
        schema: {
          ...schema,
          ...extras[`${String(route.method)} ${openApiPath(url)}`],
          tags: [tagOf(url)],
          operationId: operationIdOf(String(route.method), url),
          summary: summaryOf(String(route.method), url),
          description: scopeNote[scope],
          response: responses,
        },
      };
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs/api', uiConfig: { deepLinking: true } });
  /** GET /api/openapi.json – the document itself. */
  app.get('/api/openapi.json', { config: { access: 'public', cache: 'none' }, schema: { hide: true } }, async () => app.swagger());
}

const eventNotes: Record<string, string> = {
  'generation.succeeded': 'A generation finished with images; `data` is the generation as GET /api/v1/generations/{id} shows it.',
  'generation.failed': 'A generation failed and was refunded; `data` is the generation, with `error.code`.',
  'credits.low': 'A generation’s charge took the balance below the threshold (once per crossing).',
};

/**
 * What a user's webhook endpoint receives (OpenAPI 3.1 `webhooks`): a
 * Standard Webhooks POST, one operation per event, signed with the endpoint's
 * secret. Receivers answer 2xx; anything else is retried.
 */
function webhookOperations() {
  const header = (name: string, description: string) => ({
    name,
    in: 'header' as const,
    required: true,
    schema: { type: 'string' as const },
    description,
  });
  return Object.fromEntries(
    webhookPayloadSchema.options.map((event) => {
      const type = event.shape.type.value;
      return [
        type,
        {
          post: {
            operationId: `on-${type.replace('.', '-')}`,
            summary: eventNotes[type],
            security: [],
            parameters: [
              header('webhook-id', 'The delivery’s id, the same on every attempt: drop repeats.'),
              header('webhook-timestamp', 'Unix seconds when this attempt was signed.'),
              header(
                'webhook-signature',
                '`v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` keyed with the endpoint’s secret.',
              ),
            ],
            requestBody: {
              required: true,
              content: { 'application/json': { schema: z.toJSONSchema(event, { target: 'draft-2020-12', io: 'output' }) as object } },
            },
            responses: { '200': { description: 'Received (any 2xx).' } },
          },
        },
      ];
    }),
  );
}

function tagOf(url: string): string {
  if (url.startsWith('/api/files/') || url.startsWith('/api/v1/uploads')) return 'files';
  if (url.startsWith('/api/v1/credits')) return 'credits';
  if (url.startsWith('/api/v1/models') || url.startsWith('/api/v1/quote')) return 'models';
  return 'generations';
}

const operations: Record<string, [id: string, summary: string]> = {
  'GET /api/v1/models': ['listModels', 'The models on offer, with their prices and controls'],
  'POST /api/v1/quote': ['quoteGeneration', 'What a generation would cost (nothing is charged)'],
  'POST /api/v1/uploads': ['uploadImage', 'Upload a reference or source image (multipart field `file`)'],
  'POST /api/v1/generations': ['createGeneration', 'Charge and queue a generation (202)'],
  'GET /api/v1/generations': ['listGenerations', 'Your generations, newest first, with search and filters'],
  'GET /api/v1/generations/{id}': ['getGeneration', 'One generation, with its images once it succeeded'],
  'DELETE /api/v1/generations/{id}': ['deleteGeneration', 'Move a generation to the trash'],
  'POST /api/v1/generations/{id}/cancel': ['cancelGeneration', 'Cancel a queued (or cancellable running) generation, refunded'],
  'GET /api/v1/credits': ['getCredits', 'Your credit balance'],
  'GET /api/files/images/{id}/{variant}': ['getImage', 'An image: original, preview or thumbnail'],
  'GET /api/files/uploads/{id}': ['getUpload', 'One of your uploads'],
};

const binary = (description: string, type: string) => ({
  description,
  content: { [type]: { schema: { type: 'string', format: 'binary' } } },
});

/** What the zod schemas cannot say: a multipart body, a header, answers that are files or empty. */
const extras: Record<string, Record<string, unknown>> = {
  'POST /api/v1/uploads': {
    consumes: ['multipart/form-data'],
    body: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'PNG, JPEG or WebP' } },
    },
  },
  'POST /api/v1/generations': {
    headers: {
      type: 'object',
      properties: {
        'idempotency-key': {
          type: 'string',
          minLength: 1,
          maxLength: 255,
          description: 'The same key answers the first request again, charged once.',
        },
      },
    },
  },
};
const extraResponses: Record<string, Record<string, unknown>> = {
  'DELETE /api/v1/generations/{id}': { '204': { description: 'Moved to the trash.' } },
  'GET /api/files/images/{id}/{variant}': { '200': binary('The image (`?download=1`: as a file, with its settings inside).', 'image/*') },
  'GET /api/files/uploads/{id}': { '200': binary('The uploaded image.', 'image/*') },
};

const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');
const operationIdOf = (method: string, url: string) => operations[`${method} ${openApiPath(url)}`]?.[0];
const summaryOf = (method: string, url: string) => operations[`${method} ${openApiPath(url)}`]?.[1];
