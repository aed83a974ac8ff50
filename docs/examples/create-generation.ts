/**
 * Creates an image with an AnimeGen API key and waits for it, then saves it.
 *
 *   ANIMEGEN_URL=http://localhost:3000 ANIMEGEN_API_KEY=ag_… npx tsx docs/examples/create-generation.ts "a lighthouse at dusk"
 *
 * The types (./api.d.ts) are generated from the server's OpenAPI document by
 * openapi-typescript (`npm run openapi`); the client is openapi-fetch. Both
 * come from the npm registry. The key needs the `generate` and `read` scopes.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const baseUrl = process.env.ANIMEGEN_URL ?? 'http://localhost:3000';
const key = process.env.ANIMEGEN_API_KEY;
if (!key) throw new Error('Set ANIMEGEN_API_KEY to a key made in Settings → API keys.');
const prompt = process.argv[2] ?? 'a lighthouse at dusk, anime style';
const out = process.argv[3] ?? 'animegen-result';

const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${key}` } });

/** Waits out a 429 as the server asks (Retry-After), then tries again. */
async function patiently<T extends { response: Response }>(call: () => Promise<T>): Promise<T> {
  for (;;) {
    const result = await call();
    if (result.response.status !== 429) return result;
    await sleep(Number(result.response.headers.get('retry-after') ?? 1) * 1000);
  }
}

const models = await patiently(() => api.GET('/api/v1/models'));
if (!models.data) throw new Error(`models: ${models.response.status} ${JSON.stringify(models.error)}`);
const model = models.data.models.find((m) => m.text);
if (!model) throw new Error('This server offers no text-to-image model.');

const body = { model: model.id, prompt, aspectRatio: model.aspectRatios[0] ?? '1:1' };
const quote = await patiently(() => api.POST('/api/v1/quote', { body }));
if (!quote.data) throw new Error(`quote: ${JSON.stringify(quote.error)}`);
console.log(`${model.name}: ${quote.data.cost} credits`);

// The same Idempotency-Key on a retry answers the first request again: charged once.
const idempotencyKey = randomUUID();
const created = await patiently(() => api.POST('/api/v1/generations', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));
if (!created.data) throw new Error(`create: ${created.response.status} ${created.error?.error.code}: ${created.error?.error.message}`);
let generation = created.data;
console.log(`generation ${generation.id}: ${generation.status}`);

while (generation.status === 'queued' || generation.status === 'running') {
  await sleep(1000);
  const read = await patiently(() => api.GET('/api/v1/generations/{id}', { params: { path: { id: generation.id } } }));
  if (!read.data) throw new Error(`read: ${JSON.stringify(read.error)}`);
  generation = read.data;
}
if (generation.status !== 'succeeded') throw new Error(`generation ${generation.status}: ${generation.error?.code ?? ''}`);

const image = generation.images[0];
if (!image) throw new Error('The generation succeeded without an image.');
const file = await fetch(new URL(image.downloadUrl, baseUrl), { headers: { authorization: `Bearer ${key}` } });
if (!file.ok) throw new Error(`download: ${file.status}`);
const path = `${out}.${(file.headers.get('content-type') ?? 'image/png').split('/')[1]}`;
await writeFile(path, Buffer.from(await file.arrayBuffer()));
console.log(`saved ${path}`);
