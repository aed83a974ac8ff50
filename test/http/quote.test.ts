/**
 * POST /api/quote answers what POST /api/generations with the same body
 * charges: the same checks and errors, nothing charged or recorded, and a
 * figure equal to the real debit for every model on offer.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditsResponse } from '../../src/contracts/api.js';
import { defaultModels } from '../../src/generation/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeImage, submit, upload } from '../helpers/generations.js';
import { rowsOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/** An edit model: it cannot run without a reference image. */
const editModel = {
  id: 'nano-banana-edit',
  name: 'Nano Banana Edit',
  providerModel: 'google/nano-banana-edit',
  cost: 3,
  aspectRatios: ['1:1'],
  maxReferences: 4,
  requiresReference: true,
  maxPromptLength: 5000,
};

describe('POST /api/quote', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No worker: the ledger holds only the submit's debit while we read it.
    t = await buildTestApp({ worker: false, env: { MODELS_JSON: JSON.stringify([...defaultModels, editModel]) } });
  });
  afterAll(() => t.close());

  const quote = (user: TestUser | null, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/quote',
      headers: { origin: t.origin, ...(user ? { cookie: user.cookie } : {}) },
      payload: { model: 'nano-banana', aspectRatio: '1:1', ...body },
    });
  const credits = async (user: TestUser): Promise<CreditsResponse> =>
    (await t.app.inject({ method: 'GET', url: '/api/credits', headers: { cookie: user.cookie } })).json();

  it('quotes exactly what the submit then debits, for every model on offer', async () => {
    const models = t.deps.generation.catalog.filter((m) => m.enabled && m.text);
    expect(models.length).toBeGreaterThan(3);
    for (const model of models) {
      const user = await givenVerifiedUser(t, { credits: 100 });
      const references = model.requiresReference ? [(await upload(t, user, await makeImage('png'))).json().id] : [];
      const body = {
        prompt: 'a shrine maiden at dusk',
        model: model.id,
        aspectRatio: model.aspectRatios[0]!,
        count: 2,
        referenceUploadIds: references,
      };

      const quoted = await quote(user, body);
      expect(quoted.statusCode, `${model.id}: ${quoted.body}`).toBe(200);
      const { cost } = quoted.json();
      expect(await credits(user)).toMatchObject({ balance: 100 });

      const submitted = await submit(t, user, body);
      expect(submitted.statusCode, `${model.id}: ${submitted.body}`).toBe(202);
      const after = await credits(user);
      expect(after.balance, model.id).toBe(100 - cost);
      expect(after.entries[0], model.id).toMatchObject({ delta: -cost, kind: 'generation_debit', generationId: submitted.json().id });
      expect(submitted.json().cost).toBe(cost);
    }
  });

  it('refuses a bad body with the submit’s 422 and codes, and writes nothing', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const bad = await quote(user, { prompt: 'x', aspectRatio: '7:3' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'aspectRatio' });
    const unknown = await quote(user, { prompt: 'x', model: 'no-such-model' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'unknown_model', field: 'model' });
    // A setting the model does not take: the model-control check answers, as on submit.
    const control = await quote(user, { prompt: 'x', steps: 30 });
    expect(control.statusCode).toBe(422);
    expect(control.json().error).toMatchObject({ code: 'invalid_input', field: 'steps' });
    expect((await submit(t, user, { prompt: 'x', steps: 30 })).json().error).toMatchObject(control.json().error);
    const empty = await quote(user, { prompt: '' });
    expect(empty.statusCode).toBe(422);
    const after = await credits(user);
    expect(after.balance).toBe(10);
    expect(after.entries.filter((e) => e.kind === 'generation_debit')).toEqual([]);
  });

  it('quotes a prompt the content policy refuses without judging or recording it (the submit does that)', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const res = await quote(user, { prompt: 'loli nude' });
    expect(res.statusCode).toBe(200);
    expect(await rowsOf(t.deps.db, tables.moderationCases, eq(tables.moderationCases.userId, user.id))).toEqual([]);
    expect((await credits(user)).balance).toBe(10);
    // The submit still refuses it, and that is what records a case.
    expect((await submit(t, user, { prompt: 'loli nude' })).json().error.code).toBe('content_policy');
    expect(await rowsOf(t.deps.db, tables.moderationCases, eq(tables.moderationCases.userId, user.id))).toHaveLength(1);
  });

  it('answers 401 without a session', async () => {
    const res = await quote(null, { prompt: 'x' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});
