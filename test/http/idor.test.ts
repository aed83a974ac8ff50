/**
 * IDOR matrix. A second signed-in user tries the first user's ids on every
 * route with a path parameter (every method) and fetches every file URL the
 * API handed the first user: the answer is 404 (403 on operator routes, 401
 * on token-authenticated provider routes), it carries none of the owner's
 * data, and the owner's data is unchanged afterwards. The table of cases must
 * equal the app's registered id-bearing routes, so a new one fails here until
 * it gets a case.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOpenAlerts, raiseOperatorAlert } from '../../src/admin/index.js';
import type { Generation, Upload } from '../../src/contracts/api.js';
import { callbackToken } from '../../src/generation/index.js';
import { referenceLink } from '../../src/generation/reference-links.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeImage, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { rowOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';
import { givenFailedWebhookDelivery } from '../helpers/webhooks.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Owned {
  a: TestUser;
  gen: Generation;
  trashed: Generation;
  ref: Upload;
  exportId: string;
  downloadUrl: string;
  sessionId: string;
  requestId: string;
  taskId: string;
  alertId: string;
  presetId: string;
  albumId: string;
  historyId: string;
  supportId: string;
  apiKeyId: string;
  webhookId: string;
  deliveryId: string;
}
/** One request as the other user; `anonymous` sends no cookie (routes authenticated by a token or signature). */
interface Attempt {
  url: string;
  payload?: object;
  anonymous?: boolean;
}
interface Case {
  status: number;
  attempts: (o: Owned) => Attempt[];
  /** Not behind a session (a signature, token or nothing authorises it). */
  open?: true;
}

const PROMPT = `owner-only prompt ${randomUUID()}`;
const MESSAGE = `owner-only privacy question ${randomUUID()}`;
const SUPPORT = `owner-only support question ${randomUUID()}`;
const NAME = `Owner ${randomUUID().slice(0, 8)}`;
const variants = ['original', 'preview', 'thumbnail'] as const;
const imagesOf = (...gens: Generation[]) => gens.flatMap((g) => g.images);
/** Routes whose ids come in the body rather than the path. */
const bodyIdRoutes = ['POST /api/generations/bulk', 'POST /api/generations/download'];

describe('another user cannot reach anything by id (IDOR matrix)', () => {
  let t: TestApp;
  let o: Owned;
  let b: TestUser;
  /** Every file URL the API handed the owner, with the bytes the owner got. */
  const fileBytes = new Map<string, Buffer>();
  const as = (user: TestUser | null, method: Method | 'HEAD', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: user ? { cookie: user.cookie, origin: t.origin } : {} });
  const signed = (uploadId: string) =>
    new URL(referenceLink({ baseUrl: t.origin, secret: t.config.auth.secret.reveal(), ttlSeconds: 3600 }, uploadId, new Date()));

  const cases: Record<string, Case> = {
    'GET /api/generations/:id': { status: 404, attempts: (o) => [{ url: `/api/generations/${o.gen.id}` }] },
    'GET /api/generations/:id/lineage': { status: 404, attempts: (o) => [{ url: `/api/generations/${o.gen.id}/lineage` }] },
    'DELETE /api/generations/:id': { status: 404, attempts: (o) => [{ url: `/api/generations/${o.gen.id}` }] },
    'DELETE /api/generations/:id/images/:imageId': {
      status: 404,
      attempts: (o) => [{ url: `/api/generations/${o.gen.id}/images/${o.gen.images[0]!.id}` }],
    },
    'DELETE /api/generations/trash/:id': { status: 404, attempts: (o) => [{ url: `/api/generations/trash/${o.trashed.id}` }] },
    'POST /api/generations/:id/cancel': { status: 404, attempts: (o) => [{ url: `/api/generations/${o.gen.id}/cancel` }] },
    // The versioned API's twins (B's session here; a key of B's reaches the same handlers).
    'GET /api/v1/generations/:id': { status: 404, attempts: (o) => [{ url: `/api/v1/generations/${o.gen.id}` }] },
    'DELETE /api/v1/generations/:id': { status: 404, attempts: (o) => [{ url: `/api/v1/generations/${o.gen.id}` }] },
    'POST /api/v1/generations/:id/cancel': { status: 404, attempts: (o) => [{ url: `/api/v1/generations/${o.gen.id}/cancel` }] },
    'DELETE /api/me/api-keys/:id': { status: 404, attempts: (o) => [{ url: `/api/me/api-keys/${o.apiKeyId}` }] },
    'POST /api/generations/:id/restore': { status: 404, attempts: (o) => [{ url: `/api/generations/${o.trashed.id}/restore` }] },
    // Ids in the body: one of the owner's ids among B's request refuses all of it.
    'POST /api/generations/bulk': {
      status: 404,
      attempts: (o) => [
        { url: '/api/generations/bulk', payload: { action: 'delete', ids: [o.gen.id] } },
        { url: '/api/generations/bulk', payload: { action: 'delete', ids: [o.gen.id, o.trashed.id] } },
      ],
    },
    'POST /api/generations/download': {
      status: 404,
      attempts: (o) => [
        { url: '/api/generations/download', payload: { ids: [o.gen.id] } },
        { url: '/api/generations/download', payload: { ids: [o.trashed.id] } },
      ],
    },
    'GET /api/files/images/:id/:variant': {
      status: 404,
      attempts: (o) => [
        ...imagesOf(o.gen, o.trashed).flatMap((i) => variants.map((v) => ({ url: `/api/files/images/${i.id}/${v}` }))),
        { url: `/api/files/images/${o.gen.images[0]!.id}/original?download=1` },
      ],
    },
    'GET /api/files/uploads/:id': { status: 404, attempts: (o) => [{ url: `/api/files/uploads/${o.ref.id}` }] },
    'GET /api/files/references/:id': {
      status: 404,
      open: true,
      attempts: (o) => {
        const other = signed(randomUUID()); // a valid signature, but for another upload
        const wrong = `/api/files/references/${o.ref.id}${other.search}`;
        return [
          { url: wrong, anonymous: true },
          { url: wrong },
          { url: `/api/files/references/${o.ref.id}?expires=9999999999&signature=x` },
        ];
      },
    },
    'PATCH /api/presets/:id': { status: 404, attempts: (o) => [{ url: `/api/presets/${o.presetId}`, payload: { name: 'renamed by B' } }] },
    'DELETE /api/presets/:id': { status: 404, attempts: (o) => [{ url: `/api/presets/${o.presetId}` }] },
    'DELETE /api/prompts/history/:id': { status: 404, attempts: (o) => [{ url: `/api/prompts/history/${o.historyId}` }] },
    'GET /api/me/exports/:id': { status: 404, attempts: (o) => [{ url: `/api/me/exports/${o.exportId}` }] },
    'GET /api/me/exports/:id/download': { status: 404, attempts: (o) => [{ url: o.downloadUrl }] },
    'DELETE /api/me/sessions/:id': { status: 404, attempts: (o) => [{ url: `/api/me/sessions/${o.sessionId}` }] },
    'PATCH /api/admin/privacy-requests/:id': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/privacy-requests/${o.requestId}`, payload: { status: 'rejected', resolution: 'closed by B' } }],
    },
    'GET /api/me/support/:id': { status: 404, attempts: (o) => [{ url: `/api/me/support/${o.supportId}` }] },
    'POST /api/me/support/:id/messages': {
      status: 404,
      attempts: (o) => [{ url: `/api/me/support/${o.supportId}/messages`, payload: { body: 'written by B' } }],
    },
    'GET /api/admin/support/:id': { status: 403, attempts: (o) => [{ url: `/api/admin/support/${o.supportId}` }] },
    'POST /api/admin/support/:id/reply': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/support/${o.supportId}/reply`, payload: { body: 'answered by B' } }],
    },
    'POST /api/admin/support/:id/close': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/support/${o.supportId}/close`, payload: { reason: 'closed by B' } }],
    },
    'POST /api/admin/alerts/:id/resolve': { status: 403, attempts: (o) => [{ url: `/api/admin/alerts/${o.alertId}/resolve` }] },
    'DELETE /api/admin/users/:id': {
      status: 403,
      attempts: (o) => [
        { url: `/api/admin/users/${o.a.id}`, payload: { reason: 'by B' } },
        { url: `/api/admin/users/${encodeURIComponent(o.a.email)}`, payload: { reason: 'by B' } },
      ],
    },
    'POST /api/admin/generations/:id/refund': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/generations/${o.gen.id}/refund`, payload: { reason: 'by B' } }],
    },
    'POST /api/admin/moderation/:id/release': {
      status: 403,
      attempts: () => [{ url: `/api/admin/moderation/${randomUUID()}/release`, payload: { reason: 'by B' } }],
    },
    'POST /api/admin/moderation/:id/remove': {
      status: 403,
      attempts: () => [{ url: `/api/admin/moderation/${randomUUID()}/remove`, payload: { reason: 'by B' } }],
    },
    // B cannot report (and so learn of) A's image.
    'POST /api/images/:id/report': {
      status: 404,
      attempts: (o) => [{ url: `/api/images/${o.gen.images[0]!.id}/report`, payload: { reason: 'by B' } }],
    },
    // Favourites and albums: B can neither mark A's image nor reach A's album, nor put A's image into B's own album.
    'PUT /api/images/:id/favourite': { status: 404, attempts: (o) => [{ url: `/api/images/${o.gen.images[0]!.id}/favourite` }] },
    'DELETE /api/images/:id/favourite': { status: 404, attempts: (o) => [{ url: `/api/images/${o.gen.images[0]!.id}/favourite` }] },
    'PATCH /api/albums/:id': {
      status: 404,
      attempts: (o) => [
        { url: `/api/albums/${o.albumId}`, payload: { name: 'renamed by B' } },
        { url: `/api/albums/${o.albumId}`, payload: { coverImageId: null } },
      ],
    },
    'DELETE /api/albums/:id': { status: 404, attempts: (o) => [{ url: `/api/albums/${o.albumId}` }] },
    'PUT /api/albums/:id/images/:imageId': {
      status: 404,
      attempts: (o) => [{ url: `/api/albums/${o.albumId}/images/${o.gen.images[0]!.id}` }],
    },
    'DELETE /api/albums/:id/images/:imageId': {
      status: 404,
      attempts: (o) => [{ url: `/api/albums/${o.albumId}/images/${o.gen.images[0]!.id}` }],
    },
    'POST /api/admin/users/:id/images': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/users/${o.a.id}/images`, payload: { reason: 'by B' } }],
    },
    'GET /api/admin/users/:id': { status: 403, attempts: (o) => [{ url: `/api/admin/users/${o.a.id}` }] },
    'POST /api/admin/users/:id/credits': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/users/${o.a.id}/credits`, payload: { delta: 1000, reason: 'by B' } }],
    },
    'POST /api/admin/users/:id/sessions/revoke': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/users/${o.a.id}/sessions/revoke`, payload: { reason: 'by B' } }],
    },
    'POST /api/admin/users/:id/verification': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/users/${o.a.id}/verification`, payload: { reason: 'by B' } }],
    },
    'DELETE /api/admin/moderation/denylist/:id': {
      status: 403,
      attempts: () => [{ url: `/api/admin/moderation/denylist/${randomUUID()}` }],
    },
    'POST /api/admin/users/:id/suspend': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/users/${o.a.id}/suspend`, payload: { reason: 'by B' } }],
    },
    'POST /api/admin/users/:id/unsuspend': {
      status: 403,
      attempts: (o) => [{ url: `/api/admin/users/${o.a.id}/unsuspend`, payload: { reason: 'by B' } }],
    },
    // Public: the provider calls it with a per-generation token; a wrong one (or another generation's) is refused.
    'POST /api/hooks/kie/:id': {
      status: 401,
      open: true,
      attempts: (o) =>
        ['forged', callbackToken(t.deps.generation.settings.callbackSecret, randomUUID())].map((token) => ({
          url: `/api/hooks/kie/${o.gen.id}?token=${encodeURIComponent(token)}`,
          payload: { code: 200, data: { taskId: o.taskId, state: 'success' } },
          anonymous: true,
        })),
    },
    // Public documents: the slug names a page, not anybody's data.
    'DELETE /api/me/webhooks/:id': { status: 404, attempts: (o) => [{ url: `/api/me/webhooks/${o.webhookId}` }] },
    'GET /api/me/webhooks/:id/deliveries': { status: 404, attempts: (o) => [{ url: `/api/me/webhooks/${o.webhookId}/deliveries` }] },
    'POST /api/me/webhooks/:id/deliveries/:deliveryId/resend': {
      status: 404,
      attempts: (o) => [{ url: `/api/me/webhooks/${o.webhookId}/deliveries/${o.deliveryId}/resend` }],
    },
    'GET /api/legal/:slug': {
      status: 200,
      open: true,
      attempts: () => ['privacy', 'terms', 'cookies'].map((s) => ({ url: `/api/legal/${s}` })),
    },
  };

  /** The owner's view of everything, to compare before and after the attempts. */
  const snapshot = async () => {
    const get = async (url: string) => (await as(o.a, 'GET', url)).json();
    return {
      me: await get('/api/me'),
      gen: await get(`/api/generations/${o.gen.id}`),
      gallery: await get('/api/generations'),
      trash: await get('/api/generations/trash'),
      export: await get(`/api/me/exports/${o.exportId}`),
      requests: await get('/api/me/privacy-requests'),
      sessions: (await get('/api/me/sessions')).sessions.map((s: { id: string }) => s.id),
      credits: await get('/api/credits'),
      presets: await get('/api/presets'),
      albums: await get('/api/albums'),
      albumGallery: await get(`/api/generations?album=${o.albumId}`),
      history: await get('/api/prompts/history'),
      support: await get(`/api/me/support/${o.supportId}`),
      webhooks: await get('/api/me/webhooks'),
      deliveries: await get(`/api/me/webhooks/${o.webhookId}/deliveries`),
    };
  };

  function expectNoLeak(res: LightMyRequestResponse, what: string) {
    for (const secret of [PROMPT, MESSAGE, SUPPORT, NAME, o.a.email])
      expect(res.body.includes(secret), `${what} leaks ${secret}`).toBe(false);
    for (const bytes of fileBytes.values()) {
      const sample = bytes.subarray(Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 32);
      expect(res.rawPayload.includes(sample), `${what} leaks file bytes`).toBe(false);
    }
    if (res.statusCode >= 400 && res.body) expect(res.json().error.code, what).toMatch(/^(not_found|forbidden|unauthenticated)$/);
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const a = await givenVerifiedUser(t, { name: NAME });
    const ref: Upload = (await upload(t, a, await makeImage('png'))).json();
    const submitted = await submit(t, a, { prompt: PROMPT, model: 'nano-banana-2', referenceUploadIds: [ref.id] });
    const gen = await waitForTerminal(t, a, submitted.json().id);
    const trashed = await waitForTerminal(t, a, (await submit(t, a, { prompt: `${PROMPT} (trashed)` })).json().id);
    o = { a, gen, ref, trashed } as Owned;
    expect((await as(a, 'DELETE', `/api/generations/${trashed.id}`)).statusCode).toBe(204);
    let view = (await as(a, 'POST', '/api/me/exports')).json();
    for (let i = 0; i < 200 && view.status !== 'ready'; i++) {
      await sleep(100);
      view = (await as(a, 'GET', `/api/me/exports/${view.id}`)).json();
    }
    const request = await as(a, 'POST', '/api/privacy-requests', { kind: 'access', message: MESSAGE });
    const row = await rowOf(t.deps.db, tables.generations, eq(tables.generations.id, gen.id));
    const sessions = (await as(a, 'GET', '/api/me/sessions')).json().sessions;
    await raiseOperatorAlert(t.deps.db, { kind: 'provider_account', source: 'kie', code: 'auth', now: new Date() });
    const settings = {
      model: 'nano-banana',
      aspectRatio: '1:1',
      count: 1,
      negativePrompt: '',
      seed: null,
      quality: false,
      undesired: 'none',
      style: null,
    };
    const preset = await as(a, 'POST', '/api/presets', { name: 'Owner’s preset', settings });
    expect(preset.statusCode).toBe(201);
    const album = await as(a, 'POST', '/api/albums', { name: 'Owner’s album' });
    expect(album.statusCode).toBe(201);
    expect((await as(a, 'PUT', `/api/albums/${album.json().id}/images/${gen.images[0]!.id}`)).statusCode).toBe(200);
    expect((await as(a, 'PUT', `/api/images/${gen.images[0]!.id}/favourite`)).statusCode).toBe(200);
    const history = (await as(a, 'GET', '/api/prompts/history')).json().items;
    const support = await as(a, 'POST', '/api/support', {
      category: 'generation',
      subject: 'Help',
      message: SUPPORT,
      generationId: gen.id,
    });
    expect(support.statusCode).toBe(201);
    const apiKey = await as(a, 'POST', '/api/me/api-keys', { name: 'Owner’s script', scopes: ['read'] });
    expect(apiKey.statusCode).toBe(201);
    // A webhook endpoint with one failed delivery (this app reaches no receiver).
    const { endpointId: webhookId, deliveryId } = await givenFailedWebhookDelivery(t.deps.db, a.id, {
      url: 'https://hooks.example.com/owner',
      body: JSON.stringify({ prompt: PROMPT }),
    });
    Object.assign(o, {
      apiKeyId: apiKey.json().id,
      webhookId,
      deliveryId,
      presetId: preset.json().id,
      albumId: album.json().id,
      supportId: support.json().id,
      historyId: history.find((h: { prompt: string }) => h.prompt === PROMPT).id,
      alertId: (await listOpenAlerts(t.deps.db))[0]!.id,
      exportId: view.id,
      downloadUrl: view.downloadUrl,
      requestId: request.json().id,
      taskId: row!.providerTaskIds[0],
      sessionId: sessions[0].id,
    });
    const handedOut = [
      ...[gen, trashed].flatMap((g) => [g.imageUrl, g.thumbnailUrl, ...g.references.map((r) => r.url)]),
      ...imagesOf(gen, trashed).flatMap((i) => [i.url, i.thumbnailUrl, i.previewUrl, i.downloadUrl]),
      ref.url,
      view.downloadUrl,
    ];
    for (const url of new Set(handedOut.map((u) => u!))) {
      const own = await as(a, 'GET', url);
      expect(own.statusCode, `owner: ${url}`).toBe(200);
      fileBytes.set(url, own.rawPayload);
    }
    b = await givenVerifiedUser(t);
  });
  afterAll(() => t?.close());

  it('has a case for exactly every route with a path parameter, and the routes taking ids in the body', () => {
    const collected = t.routes
      .filter(
        (r) =>
          r.method !== 'HEAD' && (r.url.includes(':') || bodyIdRoutes.includes(`${r.method} ${r.url}`)) && !r.url.startsWith('/api/auth/'),
      )
      .map((r) => `${r.method} ${r.url}`);
    expect([...new Set(collected)].sort()).toEqual(Object.keys(cases).sort());
  });

  it('answers the other user 404 (403 for operator routes) on every id-bearing route, leaking nothing and changing nothing', async () => {
    expect(o.gen.status).toBe('succeeded');
    expect(o.trashed.images.length).toBeGreaterThan(0);
    expect(o.downloadUrl).toBeTruthy();
    // The owner (and a valid signature) can reach all of it, so the refusals below are about ownership.
    expect((await as(null, 'GET', signed(o.ref.id).pathname + signed(o.ref.id).search)).statusCode).toBe(200);
    for (const [key, c] of Object.entries(cases)) {
      // Operator routes (403 for B) belong to no owner: the role matrix in operator-console.test.ts holds them.
      if (!key.startsWith('GET ') || c.open || c.status === 403) continue;
      for (const at of c.attempts(o)) expect((await as(o.a, 'GET', at.url)).statusCode, `owner: GET ${at.url}`).toBe(200);
    }
    const before = await snapshot();

    for (const [key, c] of Object.entries(cases)) {
      const method = key.split(' ')[0] as Method;
      for (const at of c.attempts(o)) {
        const who = at.anonymous ? null : b;
        for (const m of method === 'GET' ? (['GET', 'HEAD'] as const) : [method]) {
          const res = await as(who, m, at.url, at.payload);
          expect(res.statusCode, `${m} ${at.url}`).toBe(c.status);
          expectNoLeak(res, `${m} ${at.url}`);
        }
        if (!c.open) expect((await as(null, method, at.url, at.payload)).statusCode, `anonymous ${key}`).toBe(401);
      }
    }

    expect(await snapshot()).toEqual(before);
    expect((await listOpenAlerts(t.deps.db)).map((x) => x.id)).toEqual([o.alertId]);
    expect(before.trash.items.map((g: Generation) => g.id)).toEqual([o.trashed.id]);
    expect(before.sessions).toContain(o.sessionId);
    expect(before.requests.requests[0]).toMatchObject({ id: o.requestId, status: 'open', resolution: null });
    const zip = await as(o.a, 'GET', o.downloadUrl);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
  });

  it('refuses the other user every file URL the API handed the owner', async () => {
    const urls = [...fileBytes.keys()];
    // 2 generations' convenience URLs, 2 reference URLs, 4 per image, the upload and the export.
    expect(urls.length).toBeGreaterThanOrEqual(10);
    const patterns = Object.keys(cases).map((k) => new RegExp(`^${k.replace(/:[a-z]+/g, '[^/?]+')}(\\?|$)`));
    for (const url of urls) {
      expect(
        patterns.some((p) => p.test(`GET ${url}`)),
        `${url} is served by a route in the matrix`,
      ).toBe(true);
      const res = await as(b, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expectNoLeak(res, url);
      expect((await as(null, 'GET', url)).statusCode, `anonymous ${url}`).toBe(401);
    }
    for (const url of urls) expect((await as(o.a, 'GET', url)).rawPayload.equals(fileBytes.get(url)!), url).toBe(true);
  });
});
