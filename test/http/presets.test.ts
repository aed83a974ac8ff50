import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PRESETS, type PresetSettings } from '../../src/contracts/prompts.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

const settings: PresetSettings = {
  model: 'local-anime',
  aspectRatio: '2:3',
  count: 2,
  negativePrompt: 'text, watermark',
  seed: 1234,
  quality: true,
  undesired: 'light',
  style: 'watercolour',
};

describe('presets (/api/presets)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      worker: false,
      env: {
        // The operator's own quality tags for one family and their own styles; the other family keeps its defaults.
        PRESETS_JSON: JSON.stringify({
          families: { sdxl: { quality: 'house quality tags', undesired: { heavy: 'h', light: 'l', none: '' } } },
          styles: [{ id: 'house-style', name: 'House style', templates: { natural: 'in our house style, {prompt}' } }],
        }),
      },
    });
  });
  afterAll(() => t?.close());

  const as = (user: TestUser | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: user ? { cookie: user.cookie, origin: t.origin } : { origin: t.origin } });
  const create = (user: TestUser, name: string, s: object = settings) => as(user, 'POST', '/api/presets', { name, settings: s });

  it('serves the built-in presets from configuration over the defaults', async () => {
    const user = await givenVerifiedUser(t);
    const res = await as(user, 'GET', '/api/presets');
    expect(res.statusCode).toBe(200);
    const { builtIn, presets, max } = res.json();
    expect(presets).toEqual([]);
    expect(max).toBe(MAX_PRESETS);
    expect(builtIn.families.sdxl.quality).toBe('house quality tags');
    expect(builtIn.families.natural.quality).toMatch(/anime illustration/);
    expect(builtIn.families.natural.undesired.heavy.length).toBeGreaterThan(builtIn.families.natural.undesired.light.length);
    expect(builtIn.styles).toEqual([
      { id: 'house-style', name: { en: 'House style', ja: 'House style' }, templates: { natural: 'in our house style, {prompt}' } },
    ]);
    expect((await as(null, 'GET', '/api/presets')).statusCode).toBe(401);
  });

  it('offers at least 12 built-in styles by default, each with a template for both families', async () => {
    const plain = await buildTestApp({ worker: false });
    try {
      const user = await givenVerifiedUser(plain);
      const res = await plain.app.inject({ method: 'GET', url: '/api/presets', headers: { cookie: user.cookie } });
      const { builtIn } = res.json();
      expect(builtIn.styles.length).toBeGreaterThanOrEqual(12);
      expect(builtIn.styles.map((s: { id: string }) => s.id)).toEqual(
        expect.arrayContaining(['cel-shading', 'watercolour', '90s-anime', 'chibi', 'painterly', 'line-art']),
      );
      for (const s of builtIn.styles) expect(Object.keys(s.templates).sort()).toEqual(['natural', 'sdxl']);
      expect(builtIn.families.sdxl.quality).toMatch(/^masterpiece, best quality/);
      expect(builtIn.families.sdxl.undesired.light).toMatch(/lowres, bad anatomy, bad hands/);
      expect(builtIn.families.sdxl.undesired.none).toBe('');
    } finally {
      await plain.close();
    }
  });

  it('creates, lists by name, renames, changes and deletes a preset', async () => {
    const user = await givenVerifiedUser(t);
    const made = await create(user, '  Soft portraits  ');
    expect(made.statusCode).toBe(201);
    const preset = made.json();
    expect(preset).toMatchObject({ name: 'Soft portraits', settings });
    expect((await create(user, 'A first')).statusCode).toBe(201);
    expect((await as(user, 'GET', '/api/presets')).json().presets.map((p: { name: string }) => p.name)).toEqual([
      'A first',
      'Soft portraits',
    ]);

    const renamed = await as(user, 'PATCH', `/api/presets/${preset.id}`, { name: 'Watercolour girls' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: preset.id, name: 'Watercolour girls', settings });
    const changed = await as(user, 'PATCH', `/api/presets/${preset.id}`, { settings: { ...settings, seed: null, style: null } });
    expect(changed.json()).toMatchObject({ name: 'Watercolour girls', settings: { seed: null, style: null, count: 2 } });
    // The model's sampling settings are part of "every setting"; a preset saved without them has none.
    const tuning = { steps: 30, guidance: 4.5, sampler: 'DPM++ 2M Karras' };
    const tuned = await as(user, 'PATCH', `/api/presets/${preset.id}`, { settings: { ...settings, tuning } });
    expect(tuned.json().settings.tuning).toEqual(tuning);
    expect((await as(user, 'GET', '/api/presets')).json().presets.find((p: { id: string }) => p.id === preset.id).settings.tuning).toEqual(
      tuning,
    );
    expect(changed.json().settings.tuning).toBeUndefined();

    expect((await as(user, 'DELETE', `/api/presets/${preset.id}`)).statusCode).toBe(204);
    expect((await as(user, 'GET', '/api/presets')).json().presets.map((p: { name: string }) => p.name)).toEqual(['A first']);
    expect((await as(user, 'DELETE', `/api/presets/${preset.id}`)).statusCode).toBe(404);
  });

  it('keeps names unique per account, whatever their case (409 naming the field), but not across accounts', async () => {
    const user = await givenVerifiedUser(t);
    const other = await givenVerifiedUser(t);
    expect((await create(user, 'Night city')).statusCode).toBe(201);
    const again = await create(user, 'NIGHT CITY');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', field: 'name' });
    const second = (await create(user, 'Day city')).json();
    const clash = await as(user, 'PATCH', `/api/presets/${second.id}`, { name: 'night city' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'conflict', field: 'name' });
    expect((await create(other, 'Night city')).statusCode).toBe(201);
  });

  it('refuses bad input with 422 naming the field, and stores nothing', async () => {
    const user = await givenVerifiedUser(t);
    const bad: [object, string][] = [
      [{ name: '', settings }, 'name'],
      [{ name: 'x'.repeat(61), settings }, 'name'],
      [{ name: 'nul \u0000 name', settings }, 'name'],
      [{ name: 'ok', settings: { ...settings, count: 9 } }, 'settings.count'],
      [{ name: 'ok', settings: { ...settings, aspectRatio: 'wide' } }, 'settings.aspectRatio'],
      [{ name: 'ok', settings: { ...settings, undesired: 'some' } }, 'settings.undesired'],
      [{ name: 'ok', settings: { ...settings, seed: -1 } }, 'settings.seed'],
      [{ name: 'ok', settings: { ...settings, negativePrompt: 'n'.repeat(5001) } }, 'settings.negativePrompt'],
      [{ name: 'ok', settings: { ...settings, userId: 'someone else' } }, 'settings'],
      [{ name: 'ok', settings: { ...settings, tuning: { steps: 0 } } }, 'settings.tuning.steps'],
      [{ name: 'ok', settings: { ...settings, tuning: { strength: 1.5 } } }, 'settings.tuning.strength'],
      [{ name: 'ok', settings: { ...settings, tuning: { cfg: 7 } } }, 'settings.tuning'],
      [{ name: 'ok' }, 'settings'],
      [{ name: 'ok', settings, id: randomUUID() }, ''],
    ];
    for (const [body, field] of bad) {
      const res = await as(user, 'POST', '/api/presets', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(res.json().error.code).toBe('invalid_input');
      if (field) expect(res.json().error.field).toBe(field);
    }
    const made = (await create(user, 'Fine')).json();
    expect((await as(user, 'PATCH', `/api/presets/${made.id}`, {})).statusCode).toBe(422);
    expect((await as(user, 'PATCH', '/api/presets/not-a-uuid', { name: 'x' })).statusCode).toBe(422);
    expect((await as(user, 'GET', '/api/presets')).json().presets).toHaveLength(1);
  });

  it('answers 404 for another account’s preset and leaves it as it was', async () => {
    const owner = await givenVerifiedUser(t);
    const intruder = await givenVerifiedUser(t);
    const preset = (await create(owner, 'Mine')).json();
    expect((await as(intruder, 'PATCH', `/api/presets/${preset.id}`, { name: 'Taken' })).statusCode).toBe(404);
    expect((await as(intruder, 'DELETE', `/api/presets/${preset.id}`)).statusCode).toBe(404);
    expect((await as(intruder, 'GET', '/api/presets')).json().presets).toEqual([]);
    expect((await as(owner, 'GET', '/api/presets')).json().presets).toEqual([preset]);
  });

  it(`keeps at most ${MAX_PRESETS} presets per account (409 limit_reached), and one can be added again after a delete`, async () => {
    const user = await givenVerifiedUser(t);
    for (let i = 0; i < MAX_PRESETS; i++) expect((await create(user, `Preset ${i}`)).statusCode).toBe(201);
    const over = await create(user, 'One too many');
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('limit_reached');
    const all = (await as(user, 'GET', '/api/presets')).json().presets;
    expect(all).toHaveLength(MAX_PRESETS);
    expect((await as(user, 'DELETE', `/api/presets/${all[0].id}`)).statusCode).toBe(204);
    expect((await create(user, 'One too many')).statusCode).toBe(201);
  });
});
