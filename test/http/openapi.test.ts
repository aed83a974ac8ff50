/**
 * The public API's OpenAPI document: generated from the routes' zod schemas,
 * committed as docs/openapi.json (`npm run openapi` rewrites it), linted by a
 * standard linter, true of real answers, and readable at /docs/api from our
 * own server.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/lib/paths.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { waitForTerminal } from '../helpers/generations.js';
import { givenVerifiedUser } from '../helpers/users.js';

const committed = projectPath('docs/openapi.json');

describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> };
  let text: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    served = res.json();
    text = `${JSON.stringify(served, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(committed, text);
  });
  afterAll(() => t?.close());

  it('is the committed docs/openapi.json (run `npm run openapi` after changing the API)', () => {
    expect(text === readFileSync(committed, 'utf8'), 'docs/openapi.json differs from what the code generates: run `npm run openapi`').toBe(
      true,
    );
  });

  it('matches the example client’s generated types (docs/examples/api.d.ts, openapi-typescript)', async () => {
    const generated = astToString(await openapiTS(JSON.parse(text)));
    const types = readFileSync(projectPath('docs/examples/api.d.ts'), 'utf8');
    // The CLI puts its "generated, do not edit" banner in front.
    expect(types.endsWith(generated), 'docs/examples/api.d.ts is stale: run `npm run openapi`').toBe(true);
  });

  it('describes exactly the routes an API key can call, and nothing of the account, billing, privacy or operators', () => {
    const keyed = t.routes
      .filter((r) => r.config?.apiKey && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`)
      .sort();
    const described = Object.entries(served.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(described).toEqual(keyed);
    expect(described.some((d) => /\/api\/(me|admin|billing|privacy|auth)/.test(d))).toBe(false);
  });

  it('lints clean with Redocly’s recommended rules', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: text, absoluteRef: committed, config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('is true of real answers: a generation read with a key matches its schema', async () => {
    const user = await givenVerifiedUser(t);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/me/api-keys',
      headers: { cookie: user.cookie, origin: t.origin },
      payload: { name: 'doc check', scopes: ['generate', 'read'] },
    });
    const auth = { authorization: `Bearer ${created.json().key}` };
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/generations',
      headers: auth,
      payload: { model: 'nano-banana', aspectRatio: '1:1', prompt: 'a paper crane' },
    });
    await waitForTerminal(t, user, submitted.json().id);
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const check = async (path: string, url: string, status = '200', method = 'get') => {
      const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, headers: auth });
      const schema = served.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
      expect(schema, `${path} ${status}`).toBeDefined();
      const validate = ajv.compile(schema as object);
      expect(validate(res.json()), `${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    };
    await check('/api/v1/generations/{id}', `/api/v1/generations/${submitted.json().id}`);
    await check('/api/v1/generations', '/api/v1/generations');
    await check('/api/v1/models', '/api/v1/models');
    await check('/api/v1/credits', '/api/v1/credits');
    // And a refusal matches the shared error schema.
    await check('/api/v1/generations/{id}', '/api/v1/generations/00000000-0000-4000-8000-000000000000', '404');
  });

  it('is readable at /docs/api, served by us with no outside script or style', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/api/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThan(2);
    expect(assets.filter((a) => /^(https?:)?\/\//.test(a))).toEqual([]);
    for (const asset of assets.filter((a) => /\.(js|css)$/.test(a))) {
      const res = await t.app.inject({ method: 'GET', url: new URL(asset, 'http://x/docs/api/').pathname });
      expect(res.statusCode, asset).toBe(200);
    }
    const init = await t.app.inject({ method: 'GET', url: '/docs/api/static/swagger-initializer.js' });
    expect(init.body).not.toMatch(/petstore/);
  });
});
