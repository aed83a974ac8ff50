/**
 * GET /api/generations/:id/lineage: the chain of sources up to the root and
 * the tree of versions made from a generation's images, built here from real
 * tool generations on the KIE simulator. Trashed generations and images the
 * viewer may not see stay out; another user's id answers the same 404 as GET
 * /api/generations/:id; deleting a source image makes its versions roots.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import type { Lineage, LineageDescendant } from '../../src/contracts/lineage.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit, waitForTerminal } from '../helpers/generations.js';
import { tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

describe('generation lineage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { TRASH_DAYS: '7' } });
  });
  afterAll(() => t.close());

  const as = (user: TestUser, method: 'GET' | 'DELETE', url: string) =>
    t.app.inject({ method, url, headers: { cookie: user.cookie, origin: t.origin } });
  const lineageOf = async (user: TestUser, id: string): Promise<Lineage> => {
    const res = await as(user, 'GET', `/api/generations/${id}/lineage`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const finished = async (user: TestUser, body: Record<string, unknown>): Promise<Generation> => {
    const res = await submit(t, user, body);
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForTerminal(t, user, res.json().id);
    expect(g.status).toBe('succeeded');
    return g;
  };
  const text = (user: TestUser, count = 1) => finished(user, { prompt: 'a shrine maiden at dusk', aspectRatio: '3:4', count });
  const upscale = (user: TestUser, source: Generation, image = 0) =>
    finished(user, { tool: 'upscale', model: 'topaz-upscale', sourceImageId: source.images[image]!.id, factor: 2, aspectRatio: undefined });
  const variations = (user: TestUser, source: Generation) =>
    finished(user, {
      tool: 'variations',
      model: 'qwen-image',
      sourceImageId: source.images[0]!.id,
      prompt: 'in the rain',
      aspectRatio: undefined,
    });
  /** The tree as `id(child, child)` text, so a shape reads at a glance. */
  const shape = (nodes: LineageDescendant[]): string =>
    nodes.map((n) => (n.children.length ? `${n.generationId}(${shape(n.children)})` : n.generationId)).join(',');

  it('a chain of three: the root first going up, nested going down, each with its tool, status and thumbnail', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const root = await text(user);
    const big = await upscale(user, root);
    const varied = await variations(user, big);

    const fromLeaf = await lineageOf(user, varied.id);
    expect(fromLeaf.ancestors).toEqual([
      { generationId: root.id, imageId: root.images[0]!.id, thumbnailUrl: root.images[0]!.thumbnailUrl, tool: 'text', status: 'succeeded' },
      { generationId: big.id, imageId: big.images[0]!.id, thumbnailUrl: big.images[0]!.thumbnailUrl, tool: 'upscale', status: 'succeeded' },
    ]);
    expect(fromLeaf.descendants).toEqual([]);

    const fromRoot = await lineageOf(user, root.id);
    expect(fromRoot.ancestors).toEqual([]);
    expect(fromRoot.descendants).toEqual([
      {
        generationId: big.id,
        tool: 'upscale',
        status: 'succeeded',
        parentImageId: root.images[0]!.id,
        thumbnailUrl: big.images[0]!.thumbnailUrl,
        children: [
          {
            generationId: varied.id,
            tool: 'variations',
            status: 'succeeded',
            parentImageId: big.images[0]!.id,
            thumbnailUrl: varied.images[0]!.thumbnailUrl,
            children: [],
          },
        ],
      },
    ]);
    const middle = await lineageOf(user, big.id);
    expect(middle.ancestors.map((a) => a.generationId)).toEqual([root.id]);
    expect(shape(middle.descendants)).toBe(varied.id);
  });

  it('a branch: two versions of one image are siblings, oldest first; a trashed one is left out with its own versions', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const root = await text(user);
    const first = await upscale(user, root);
    const second = await variations(user, root);
    const grandchild = await upscale(user, second);
    expect(shape((await lineageOf(user, root.id)).descendants)).toBe(`${first.id},${second.id}(${grandchild.id})`);

    expect((await as(user, 'DELETE', `/api/generations/${second.id}`)).statusCode).toBe(204);
    expect(shape((await lineageOf(user, root.id)).descendants)).toBe(first.id);
    // Its own page is gone with it (the same 404 as GET), and the grandchild's chain stops below the trashed one.
    expect((await as(user, 'GET', `/api/generations/${second.id}/lineage`)).statusCode).toBe(404);
    expect((await lineageOf(user, grandchild.id)).ancestors).toEqual([]);
  });

  it('never hands out an image the viewer may not see: a held source and a held result have no thumbnail', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const root = await text(user);
    const child = await upscale(user, root);
    await t.deps.db.update(tables.generationImages).set({ moderation: 'held' }).where(eq(tables.generationImages.generationId, root.id));
    await t.deps.db.update(tables.generationImages).set({ moderation: 'mature' }).where(eq(tables.generationImages.generationId, child.id));

    const up = await lineageOf(user, child.id);
    expect(up.ancestors).toEqual([{ generationId: root.id, imageId: null, thumbnailUrl: null, tool: 'text', status: 'succeeded' }]);
    const down = await lineageOf(user, root.id);
    expect(down.descendants).toMatchObject([{ generationId: child.id, parentImageId: null, thumbnailUrl: null }]);
    expect(JSON.stringify([up, down])).not.toContain(root.images[0]!.id);
  });

  it("another user's generation answers the same 404 as GET /api/generations/:id, as does a missing one", async () => {
    const owner = await givenVerifiedUser(t, { credits: 100 });
    const other = await givenVerifiedUser(t, { credits: 100 });
    const g = await text(owner);
    const plain = await as(other, 'GET', `/api/generations/${g.id}`);
    const lineage = await as(other, 'GET', `/api/generations/${g.id}/lineage`);
    expect(plain.statusCode).toBe(404);
    expect([lineage.statusCode, lineage.json()]).toEqual([404, plain.json()]);
    const missing = await as(owner, 'GET', '/api/generations/00000000-0000-4000-8000-000000000000/lineage');
    expect(missing.statusCode).toBe(404);
  });

  it('deleting the source image makes the version a root (the link is set null); the source no longer lists it', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const root = await text(user, 2);
    const fromSecond = await upscale(user, root, 1);
    const fromFirst = await upscale(user, root, 0);
    expect(shape((await lineageOf(user, root.id)).descendants)).toBe(`${fromSecond.id},${fromFirst.id}`);

    expect((await as(user, 'DELETE', `/api/generations/${root.id}/images/${root.images[1]!.id}`)).statusCode).toBe(200);
    expect((await waitForTerminal(t, user, fromSecond.id)).parentImageId).toBeNull();
    expect((await lineageOf(user, fromSecond.id)).ancestors).toEqual([]);
    expect(shape((await lineageOf(user, root.id)).descendants)).toBe(fromFirst.id);
  });
});
