/**
 * Hostile input on every route: each path and query parameter of every
 * registered route gets strings a scanner sends (appended SQL, NUL bytes,
 * huge numbers, bad base64, a real cursor with bytes appended, arrays,
 * random unicode), signed in as an operator so the handlers are reached.
 * A clear 4xx is fine; a 5xx is a failure. Routes without parameters have
 * nothing to vary here (bodies are covered by mass-assignment.test.ts).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit, waitForTerminal } from '../helpers/generations.js';
import { givenOperator, type TestUser } from '../helpers/users.js';

/** A page cursor as the server makes it (time|id), with `tail` added to what it decodes to. */
const cursorLike = (tail = '') => Buffer.from(`${new Date().toISOString()}|${randomUUID()}${tail}`).toString('base64url');

const fixed = [
  "' OR 1=1--",
  '1; drop table generations; --',
  `${randomUUID()}' or '1'='1`,
  'a\u0000b',
  '\u0000',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  '%%%',
  '=?!*',
  `${cursorLike()}x`,
  `${cursorLike()}fHx8`,
  `${cursorLike()}AAAA`,
  cursorLike('\u0000'),
  cursorLike("' or 1=1"),
  Buffer.from('|').toString('base64url'),
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '[]',
  '{"$gt":""}',
  '😀'.repeat(50),
];

describe('hostile path and query values on every route', () => {
  let t: TestApp;
  let operator: TestUser;
  beforeAll(async () => {
    t = await buildTestApp();
    operator = await givenOperator(t);
    // Something in the gallery, so a cursor leads past a real row.
    await waitForTerminal(t, operator, (await submit(t, operator, { prompt: 'hostile input' })).json().id);
  });
  afterAll(() => t?.close());

  it('answers each with a 4xx or success, never a 5xx', async () => {
    const routes = t.routes.filter((r) => r.method !== 'HEAD' && (r.url.includes(':') || r.query.length > 0));
    expect(routes.length).toBeGreaterThan(12);
    const failures: string[] = [];
    let requests = 0;
    /** One parameter at a time gets the value; other path parameters a valid sample, other query keys nothing. */
    const sample: Record<string, string> = { variant: 'original', slug: 'privacy' };
    const attack = async (route: (typeof routes)[number], slot: string, value: string) => {
      const encoded = encodeURIComponent(value);
      const path = route.url.replace(/:([a-z]+)/gi, (_, name: string) =>
        `:${name}` === slot ? encoded : encodeURIComponent(sample[name] ?? randomUUID()),
      );
      const url = slot.startsWith(':') ? path : `${path}?${slot}=${encoded}`;
      const res = await t.app.inject({ method: route.method as 'GET', url, headers: { cookie: operator.cookie, origin: t.origin } });
      requests++;
      if (res.statusCode >= 500) failures.push(`${route.method} ${route.url} ${slot} ← ${JSON.stringify(value)}: ${res.statusCode}`);
    };
    const values = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.integer().map(String));
    for (const route of routes) {
      const slots = [...(route.url.match(/:[a-z]+/gi) ?? []), ...route.query];
      for (const slot of slots) {
        for (const value of fixed) await attack(route, slot, value);
        await fc.assert(
          fc.asyncProperty(values, async (value) => {
            await attack(route, slot, value);
          }),
          { numRuns: 25 },
        );
      }
    }
    console.log(`hostile input: ${routes.length} routes, ${requests} requests, ${failures.length} answered 5xx`);
    expect(failures).toEqual([]);
  });

  it('refuses a NUL character in stored text with a 422 naming the field, charging nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/credits', headers: { cookie: operator.cookie } })).json().balance;
    const res = await submit(t, operator, { prompt: 'a\u0000b' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'invalid_input', field: 'prompt' });
    expect((await t.app.inject({ method: 'GET', url: '/api/credits', headers: { cookie: operator.cookie } })).json().balance).toBe(before);
  });
});
