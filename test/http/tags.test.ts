import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TagSuggestion } from '../../src/contracts/tags.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit } from '../helpers/generations.js';
import { givenVerifiedUser, signOut, type TestUser } from '../helpers/users.js';

/** GET /api/tags/suggest: the prompt box's tag suggestions, from the shipped Danbooru list. */
describe('tag suggestions', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
    user = await givenVerifiedUser(t);
  });
  afterAll(() => t.close());

  const suggest = (as: TestUser | null, query: string) =>
    t.app.inject({ method: 'GET', url: `/api/tags/suggest?${query}`, headers: as ? { cookie: as.cookie } : {} });
  const tagsFor = async (as: TestUser, q: string, limit = 8) => {
    const res = await suggest(as, `q=${encodeURIComponent(q)}&limit=${limit}`);
    expect(res.statusCode).toBe(200);
    return res.json().tags as TagSuggestion[];
  };

  it('is for signed-in users only', async () => {
    const res = await suggest(null, 'q=long');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('keeps answering a signed-out session for at most 2 s (it is asked on every keystroke); other routes refuse at once', async () => {
    const leaving = await givenVerifiedUser(t);
    expect((await suggest(leaving, 'q=long')).statusCode).toBe(200);
    expect((await signOut(t, leaving)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: leaving.cookie } })).statusCode).toBe(401);
    await new Promise((r) => setTimeout(r, 2_100));
    const late = await suggest(leaving, 'q=long');
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('unauthenticated');
  });

  it('refuses a missing, empty or overlong query and a limit out of range', async () => {
    for (const query of [
      '',
      'q=',
      'q=%20%20',
      `q=${'a'.repeat(101)}`,
      'q=long&limit=0',
      'q=long&limit=21',
      'q=long&limit=many',
      'q=a%00b',
    ]) {
      const res = await suggest(user, query);
      expect(res.statusCode, query).toBe(422);
      expect(res.json().error.code, query).toBe('invalid_input');
    }
  });

  it('answers with name, category and post count, most used first, never cached', async () => {
    const res = await suggest(user, 'q=long%20h&limit=3');
    expect(res.headers['cache-control']).toBe('no-store');
    const { tags } = res.json() as { tags: TagSuggestion[] };
    expect(tags).toHaveLength(3);
    expect(Object.keys(tags[0]!).sort()).toEqual(['category', 'name', 'postCount']);
    expect(tags[0]).toMatchObject({ name: 'long_hair', category: 'general' });
    expect(tags[0]!.postCount).toBeGreaterThan(1_000_000);
    const counts = tags.map((s) => s.postCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('finds tags from aliases and from Japanese, saying what matched', async () => {
    expect((await tagsFor(user, '/lh'))[0]).toMatchObject({ name: 'long_hair', alias: '/lh' });
    expect((await tagsFor(user, '長髪'))[0]).toMatchObject({ name: 'long_hair', alias: '長髪' });
    expect((await tagsFor(user, 'ロングヘア'))[0]).toMatchObject({ name: 'long_hair' });
    expect((await tagsFor(user, '初音ミク'))[0]).toMatchObject({ name: 'hatsune_miku', category: 'character' });
  });

  it('never suggests explicit tags, nor artists (off unless the operator turns them on)', async () => {
    expect(await tagsFor(user, 'nipples')).toEqual([]);
    expect((await tagsFor(user, 'nud', 20)).map((s) => s.name)).not.toContain('nude');
    expect((await tagsFor(user, 'tits', 20)).filter((s) => s.alias === 'tits')).toEqual([]);
    expect((await tagsFor(user, 'ebifurya', 20)).map((s) => s.name)).not.toContain('ebifurya');
  });

  it("names the prompt's tags the list does not know, however they are typed", async () => {
    const check = (names: unknown, as: TestUser | null = user) =>
      t.app.inject({
        method: 'POST',
        url: '/api/tags/check',
        headers: as ? { cookie: as.cookie, origin: t.origin } : { origin: t.origin },
        payload: { names },
      });
    // An artist is a known tag even while artists are not suggested (the default).
    const res = await check(['long hair', 'Long_Hair', 'sliver hair', 'saber \\(fate\\)', 'qqqzzz', 'ebifurya']);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unknown: ['sliver hair', 'qqqzzz'] });
    expect((await check(['x'], null)).statusCode).toBe(401);
    expect((await check('long hair')).statusCode).toBe(422);
    expect((await check(Array(201).fill('a'))).statusCode).toBe(422);
  });

  it('ranks the tags the user keeps using higher', async () => {
    // A fresh user: the counts of recent use are read once and kept for a short while.
    const user = await givenVerifiedUser(t, { credits: 20 });
    const other = await givenVerifiedUser(t);
    const before = (await tagsFor(other, 'lo')).map((s) => s.name);
    expect(before).not.toContain('lop_rabbit_ears');
    for (let i = 0; i < 3; i++) expect((await submit(t, user, { prompt: `1girl, lop rabbit ears, scene ${i}` })).statusCode).toBe(202);
    // 1,320 posts: far below the top eight for "lo" until this user's three uses lift it among them.
    expect((await tagsFor(user, 'lo')).map((s) => s.name)).toContain('lop_rabbit_ears');
    // Someone else's prompts change nothing for them.
    expect((await tagsFor(other, 'lo')).map((s) => s.name)).toEqual(before);
  });
});

describe('tag suggestions with artist tags turned on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false, env: { TAG_SUGGEST_ARTISTS: '1' } });
  });
  afterAll(() => t.close());

  it('suggests artists too', async () => {
    const user = await givenVerifiedUser(t);
    const res = await t.app.inject({ method: 'GET', url: '/api/tags/suggest?q=ebifurya', headers: { cookie: user.cookie } });
    expect(res.json().tags[0]).toMatchObject({ name: 'ebifurya', category: 'artist' });
  });
});
