import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventory, sendPolicyNotices } from '../../src/privacy/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeImage, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { countOf, rowOf, rowsOf, tables } from '../helpers/tables.js';
import { givenOperator, givenVerifiedUser, signUp, type TestUser } from '../helpers/users.js';
import { givenFailedWebhookDelivery } from '../helpers/webhooks.js';

describe('personal data: export, trash, deletion', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const as = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: { cookie: user.cookie, origin: t.origin } });

  /** An endpoint with one delivery and its attempt, written as the webhooks module would (this app sends to no receiver). */
  async function exportOf(user: TestUser) {
    const started = await as(user, 'POST', '/api/me/exports');
    expect(started.statusCode).toBe(202);
    let view = started.json();
    for (let i = 0; i < 200 && view.status !== 'ready' && view.status !== 'failed'; i++) {
      await sleep(100);
      view = (await as(user, 'GET', `/api/me/exports/${view.id}`)).json();
    }
    expect(view).toMatchObject({ status: 'ready', progress: 100 });
    // The archive was built in the scratch folder and handed to storage: no copy stays behind.
    expect(readdirSync(join(t.config.dataDir, 'tmp'))).toEqual([]);
    const zip = await as(user, 'GET', view.downloadUrl);
    expect(zip.headers['content-type']).toBe('application/zip');
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    writeFileSync(join(dir, 'a.zip'), zip.rawPayload);
    execFileSync('unzip', ['-q', join(dir, 'a.zip'), '-d', join(dir, 'x')]);
    const read = (file: string) => JSON.parse(execFileSync('cat', [join(dir, 'x', 'data', `${file}.json`)], { encoding: 'utf8' }));
    const files = execFileSync('find', [join(dir, 'x'), '-type', 'f'], { encoding: 'utf8' });
    return { view, read, files };
  }

  it('exports everything we hold, covering every personal column of the data inventory', async () => {
    const user = await givenVerifiedUser(t, { name: 'Export Me' });
    const ref = (await upload(t, user, await makeImage('png'))).json();
    await waitForTerminal(
      t,
      user,
      (await submit(t, user, { prompt: 'for the archive', model: 'nano-banana-2', referenceUploadIds: [ref.id] })).json().id,
    );
    await as(user, 'POST', '/api/privacy-requests', { kind: 'access', message: 'Which data do you keep?' });
    const help = await as(user, 'POST', '/api/support', {
      category: 'generation',
      subject: 'About my picture',
      message: 'Can you tell me why it looks this way?',
      generationId: (await as(user, 'GET', '/api/generations')).json().items[0].id,
    });
    expect(help.statusCode).toBe(201);
    const agent = await givenOperator(t, { role: 'support' });
    await as(agent, 'POST', `/api/admin/support/${help.json().id}/reply`, { body: 'It is the model’s style.' });
    for (
      let i = 0;
      i < 100 && !t.deps.devMailbox!.list().some((m) => m.to === user.email && m.links.some((l) => l.includes('/support/')));
      i++
    ) {
      await sleep(100);
    }
    // A refused prompt is the user's own words too (the moderation queue).
    expect((await submit(t, user, { prompt: 'nude, sex', negativePrompt: 'blurry', model: 'qwen-image' })).statusCode).toBe(422);
    const preset = {
      model: 'nano-banana',
      aspectRatio: '1:1',
      count: 1,
      negativePrompt: '',
      seed: null,
      quality: true,
      undesired: 'light',
      style: 'chibi',
    };
    expect((await as(user, 'POST', '/api/presets', { name: 'My chibi look', settings: preset })).statusCode).toBe(201);
    // Favourites and albums are the user's own arrangement of their images.
    const image = (await as(user, 'GET', '/api/generations')).json().items[0].images[0].id;
    expect((await as(user, 'PUT', `/api/images/${image}/favourite`)).statusCode).toBe(200);
    const album = (await as(user, 'POST', '/api/albums', { name: 'Best of spring' })).json();
    expect((await as(user, 'PUT', `/api/albums/${album.id}/images/${image}`)).statusCode).toBe(200);
    expect((await as(user, 'PATCH', `/api/albums/${album.id}`, { coverImageId: image })).statusCode).toBe(200);
    await as(user, 'POST', '/api/me/policy/acknowledge', { version: '1.2.0' });
    const apiKey = (await as(user, 'POST', '/api/me/api-keys', { name: 'Export script', scopes: ['read'] })).json();
    // Billing is off in this app: a paid, then disputed, purchase written as the billing module would.
    await t.deps.db.insert(tables.purchases).values({
      id: `pur_${user.id.slice(0, 8)}`,
      userId: user.id,
      packId: 'starter',
      packName: 'Starter',
      credits: 100,
      amount: 499,
      currency: 'eur',
      status: 'paid',
      checkoutSessionId: `cs_test_${user.id}`,
      paymentIntentId: 'pi_test',
      chargeId: 'ch_test',
      disputeStatus: 'needs_response',
      paidAt: new Date(),
      disputedAt: new Date(),
    });

    // A passkey, as the passkey plugin stores one (test/http/passkeys.test.ts adds them for real).
    await t.deps.db.insert(tables.passkey).values({
      id: `pk_${user.id.slice(0, 8)}`,
      userId: user.id,
      name: 'My phone',
      credentialID: `cred-${user.id}`,
      publicKey: 'pQECAyYgASFYIA',
      counter: 3,
      deviceType: 'multiDevice',
      backedUp: true,
      transports: 'internal,hybrid',
      aaguid: '00000000-0000-0000-0000-000000000000',
      lastUsedAt: new Date(),
    });

    await givenFailedWebhookDelivery(t.deps.db, user.id, {
      url: 'https://hooks.example.com/animegen',
      body: '{"type":"generation.succeeded","timestamp":"2026-12-07T12:00:00.000Z","data":{"id":"g"}}',
    });

    const { read, files } = await exportOf(user);
    expect(files).toContain('README.txt');
    expect(read('passkeys')).toEqual([expect.objectContaining({ name: 'My phone', credentialId: `cred-${user.id}`, counter: 3 })]);
    expect(read('webhooks')).toEqual([
      expect.objectContaining({
        url: 'https://hooks.example.com/animegen',
        deliveries: [expect.objectContaining({ status: 'failed', attemptLog: [expect.objectContaining({ statusCode: 500 })] })],
      }),
    ]);
    expect(JSON.stringify(read('webhooks'))).not.toContain('whsec_');
    expect(files).toMatch(/images\/[0-9a-f-]+\/1\.png/);
    expect(files).toMatch(/references\/[0-9a-f-]+\.png/);
    expect(read('profile')).toMatchObject({ email: user.email, name: 'Export Me' });
    expect(read('generations')[0]).toMatchObject({ prompt: 'for the archive', cost: 4 });
    expect(read('prompt-history')).toEqual([expect.objectContaining({ prompt: 'for the archive' })]);
    expect(read('presets')).toEqual([expect.objectContaining({ name: 'My chibi look', settings: preset })]);
    // The key's name and first characters, never the key or its hash.
    expect(read('api-keys')).toEqual([expect.objectContaining({ name: 'Export script', start: apiKey.start, scopes: ['read'] })]);
    expect(JSON.stringify(read('api-keys'))).not.toContain(apiKey.key.slice(11));
    expect(read('albums')).toEqual([
      expect.objectContaining({ name: 'Best of spring', coverImageId: image, images: [{ imageId: image, addedAt: expect.any(String) }] }),
    ]);
    expect(read('generations')[0].images[0]).toMatchObject({ id: image, favouritedAt: expect.any(String) });
    expect(read('moderation')).toEqual([expect.objectContaining({ prompt: 'nude, sex', category: 'sexual' })]);
    expect(read('support')).toEqual([
      expect.objectContaining({
        subject: 'About my picture',
        status: 'answered',
        messages: [
          expect.objectContaining({ author: 'user', body: 'Can you tell me why it looks this way?', emailedAt: null }),
          expect.objectContaining({ author: 'operator', body: 'It is the model’s style.', emailedAt: expect.any(String) }),
        ],
      }),
    ]);
    expect(JSON.stringify(read('support'))).not.toContain(agent.id);
    expect(JSON.stringify(read('sessions'))).not.toMatch(/token/i);

    for (const row of readInventory().filter((r) => r.personal === 'yes')) {
      const where = `${row.table}.${row.column}`;
      if (!row.exportPath) {
        expect(row.notExportedBecause, `${where} is personal but neither exported nor explained`).toBeTruthy();
        continue;
      }
      if (row.exportPath.includes(' ')) continue; // a described derivation, e.g. "credit-ledger (sum)"
      const [file, ...path] = row.exportPath.split('.');
      const data = read(file!);
      const holders = (Array.isArray(data) ? data : [data]).flatMap((item: unknown) => {
        let nodes: unknown[] = [item];
        for (const key of path.slice(0, -1)) nodes = nodes.flatMap((n) => (n as Record<string, unknown>)?.[key] ?? []);
        return nodes;
      });
      const key = path.at(-1)!;
      expect(
        holders.some((h) => h && typeof h === 'object' && key in h),
        `${where} → data/${file}.json ${path.join('.')}`,
      ).toBe(true);
    }
  });

  it('allows one export an hour, and only its owner can download it', async () => {
    const user = await givenVerifiedUser(t);
    const { view } = await exportOf(user);
    const again = await as(user, 'POST', '/api/me/exports');
    expect(again.statusCode).toBe(429);
    const other = await givenVerifiedUser(t);
    expect((await as(other, 'GET', view.downloadUrl)).statusCode).toBe(404);
    expect((await as(other, 'GET', `/api/me/exports/${view.id}`)).statusCode).toBe(404);
  });

  it('moves a deleted generation to the trash, restores it, and the retention job empties the trash later', async () => {
    const user = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'trash me' })).json().id);
    expect((await as(user, 'DELETE', `/api/generations/${g.id}`)).statusCode).toBe(204);
    expect((await as(user, 'GET', `/api/generations/${g.id}`)).statusCode).toBe(404);
    expect((await as(user, 'GET', '/api/generations')).json().items).toHaveLength(0);
    const trash = (await as(user, 'GET', '/api/generations/trash')).json().items;
    expect(trash.map((x: { id: string }) => x.id)).toEqual([g.id]);
    expect(trash[0].deletedAt).toBeTruthy();
    const restored = await as(user, 'POST', `/api/generations/${g.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect((await as(user, 'GET', '/api/generations')).json().items.map((x: { id: string }) => x.id)).toEqual([g.id]);

    await as(user, 'DELETE', `/api/generations/${g.id}`);
    const stranger = await givenVerifiedUser(t);
    expect((await as(stranger, 'POST', `/api/generations/${g.id}/restore`)).statusCode).toBe(404);
    const keys = (await rowsOf(t.deps.db, tables.generationImages, eq(tables.generationImages.generationId, g.id))).flatMap((i) => [
      i.originalKey,
      i.thumbnailKey,
    ]);
    await t.deps.db.execute(sql`update generations set deleted_at = now() - interval '8 days' where id = ${g.id}`);
    const { runRetention } = await import('../../src/privacy/index.js');
    const counts = await runRetention({ ...t.deps.privacy, generation: t.deps.generation });
    expect(counts.trash).toBeGreaterThanOrEqual(1);
    for (const k of keys) expect(await t.deps.generation.storage.exists(k)).toBe(false);
    expect((await as(user, 'POST', `/api/generations/${g.id}/restore`)).statusCode).toBe(404);
  });

  it('deletes the account after re-authentication: files gone, sessions dead, ledger kept without PII, e-mail reusable', async () => {
    const user = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'goodbye' })).json().id);
    const preset = {
      model: 'nano-banana',
      aspectRatio: '1:1',
      count: 1,
      negativePrompt: '',
      seed: null,
      quality: true,
      undesired: 'light',
      style: 'chibi',
    };
    expect((await as(user, 'POST', '/api/presets', { name: 'Farewell', settings: preset })).statusCode).toBe(201);
    const apiKey = (await as(user, 'POST', '/api/me/api-keys', { name: 'Farewell script', scopes: ['read'] })).json();
    const album = (await as(user, 'POST', '/api/albums', { name: 'Farewell album' })).json();
    expect((await as(user, 'PUT', `/api/albums/${album.id}/images/${g.images[0]!.id}`)).statusCode).toBe(200);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from prompt_history where user_id = ${user.id}`)).toBe(1);
    const hooks = await givenFailedWebhookDelivery(t.deps.db, user.id, { url: 'https://hooks.example.com/farewell', body: '{}' });
    const keys = (await rowsOf(t.deps.db, tables.generationImages, eq(tables.generationImages.generationId, g.id))).map(
      (i) => i.originalKey,
    );
    await t.deps.db.insert(tables.passkey).values({
      id: `pk_${user.id.slice(0, 8)}`,
      userId: user.id,
      credentialID: `cred-${user.id}`,
      publicKey: 'pQECAyYgASFYIA',
      counter: 0,
      deviceType: 'singleDevice',
      backedUp: false,
    });

    // A session older than 10 minutes must give the password.
    await t.deps.db.execute(sql`update session set created_at = now() - interval '1 hour' where user_id = ${user.id}`);
    expect((await as(user, 'DELETE', '/api/me', {})).json().error.code).toBe('reauthentication_required');
    expect((await as(user, 'DELETE', '/api/me', { password: 'wrong password!' })).statusCode).toBe(401);
    expect((await as(user, 'DELETE', '/api/me', { password: user.password })).statusCode).toBe(204);

    expect((await as(user, 'GET', '/api/me')).statusCode).toBe(401);
    const byKey = await t.app.inject({ method: 'GET', url: '/api/v1/credits', headers: { authorization: `Bearer ${apiKey.key}` } });
    expect(byKey.statusCode).toBe(401);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from api_keys where user_id = ${user.id}`)).toBe(0);
    for (const k of keys) expect(await t.deps.generation.storage.exists(k)).toBe(false);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.origin },
      payload: { email: user.email, password: user.password },
    });
    expect(signIn.statusCode).toBe(401);
    const row = await rowOf(t.deps.db, tables.user, eq(tables.user.id, user.id));
    expect(row).toMatchObject({ name: 'Deleted account' });
    expect(JSON.stringify(row)).not.toContain(user.email);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from credit_entries where user_id = ${user.id}`)).toBe(2);
    // Prompts, presets and albums are personal data with no legal period: gone with the account.
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from prompt_history where user_id = ${user.id}`)).toBe(0);
    // A passkey of the erased account can never sign in again.
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from passkey where user_id = ${user.id}`)).toBe(0);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from user_presets where user_id = ${user.id}`)).toBe(0);
    // Albums too, with which images were in them.
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from albums where user_id = ${user.id}`)).toBe(0);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from album_images where album_id = ${album.id}`)).toBe(0);
    // Webhook endpoints and their delivery log (what was sent) go too.
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from webhook_endpoints where user_id = ${user.id}`)).toBe(0);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from webhook_deliveries where user_id = ${user.id}`)).toBe(0);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from webhook_attempts where delivery_id = ${hooks.deliveryId}`)).toBe(0);
    const receipt = t.deps.devMailbox!.list().find((m) => m.to === user.email && /deleted/i.test(m.subject));
    expect(receipt).toBeTruthy();
    expect((await signUp(t, { email: user.email, password: 'a new account pw', name: 'Again', ageConfirmed: true })).statusCode).toBe(200);

    // After the legal period the pseudonymous records go too.
    await t.deps.db.execute(sql`update "user" set deleted_at = now() - interval '4000 days' where id = ${user.id}`);
    const { runRetention } = await import('../../src/privacy/index.js');
    await runRetention({ ...t.deps.privacy, generation: t.deps.generation });
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from credit_entries where user_id = ${user.id}`)).toBe(0);
  });

  it('takes privacy requests from anyone; operators work the queue and the requester is e-mailed', async () => {
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/privacy-requests',
      payload: { kind: 'child_account', email: 'parent@example.com', message: 'My 12-year-old made an account.' },
    });
    expect(anon.statusCode).toBe(201);
    expect(anon.json()).toMatchObject({ status: 'open', email: 'parent@example.com' });
    expect(new Date(anon.json().dueAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const noEmail = await t.app.inject({
      method: 'POST',
      url: '/api/privacy-requests',
      payload: { kind: 'other', message: 'hello there, anyone?' },
    });
    expect(noEmail.statusCode).toBe(422);

    const user = await givenVerifiedUser(t);
    expect((await as(user, 'GET', '/api/admin/privacy-requests')).statusCode).toBe(403);
    const admin = await givenVerifiedUser(t);
    await t.deps.db.execute(sql`update "user" set role = 'admin', two_factor_enabled = true where id = ${admin.id}`);
    const queue = (await as(admin, 'GET', '/api/admin/privacy-requests?status=open')).json().requests;
    expect(queue.map((r: { id: string }) => r.id)).toContain(anon.json().id);
    const done = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/privacy-requests/${anon.json().id}`,
      headers: { cookie: admin.cookie, origin: t.origin },
      payload: { status: 'done', resolution: 'We deleted the account.' },
    });
    expect(done.json()).toMatchObject({ status: 'done', resolution: 'We deleted the account.' });
    expect(t.deps.devMailbox!.list().filter((m) => m.to === 'parent@example.com')).toHaveLength(2);

    const child = await givenVerifiedUser(t);
    const why = { reason: 'reported child account, confirmed' };
    expect((await as(user, 'DELETE', `/api/admin/users/${child.id}`, why)).statusCode).toBe(403);
    expect((await as(admin, 'DELETE', `/api/admin/users/${child.id}`)).statusCode).toBe(422);
    expect((await as(admin, 'DELETE', `/api/admin/users/${child.id}`, why)).statusCode).toBe(204);
    expect((await as(child, 'GET', '/api/me')).statusCode).toBe(401);

    // A report names the address, not our id: the operator can erase by e-mail too (any case).
    const reported = await givenVerifiedUser(t);
    expect((await as(admin, 'DELETE', `/api/admin/users/${encodeURIComponent(reported.email.toUpperCase())}`, why)).statusCode).toBe(204);
    expect((await as(reported, 'GET', '/api/me')).statusCode).toBe(401);
    const unknown = await as(admin, 'DELETE', '/api/admin/users/nobody%40example.com', why);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });

  it('serves the legal pages with version, date, live processors and contact', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/legal/privacy' });
    expect(res.json()).toMatchObject({ slug: 'privacy', version: '1.2.0', updated: '2026-12-07', contact: t.config.privacyContact });
    expect(res.json().processors.map((p: { name: string }) => p.name)).toContain('Hosting and database (operator)');
    expect(res.json().markdown).toContain('# Privacy policy');
    expect(res.json().title).toBe('Privacy policy');
    expect(res.json().html).toContain('<h2>What we keep</h2>');
    expect(res.json().html).not.toContain('<h1');
    for (const slug of ['terms', 'cookies'])
      expect((await t.app.inject({ method: 'GET', url: `/api/legal/${slug}` })).statusCode).toBe(200);
  });
});

describe('a material policy change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false, env: { LEGAL_POLICY_VERSION: '2.0.0', LEGAL_POLICY_MATERIAL: '1', LEGAL_POLICY_NOTIFY: '1' } });
  });
  afterAll(() => t.close());

  const versions = async (userId: string) =>
    (await t.deps.db.select().from(tables.policyAcknowledgements).where(sql`${tables.policyAcknowledgements.userId} = ${userId}`)).map(
      (r) => r.version,
    );
  /** An account made before the change: it accepted 1.0.0 at sign-up. */
  const givenEarlierUser = async () => {
    const user = await givenVerifiedUser(t);
    await t.deps.db.execute(sql`update policy_acknowledgements set version = '1.0.0' where user_id = ${user.id}`);
    return user;
  };
  const policyMails = (email: string) => t.deps.devMailbox!.list().filter((m) => m.to === email && m.subject.includes('privacy policy'));

  it('records the policy version accepted at sign-up, so a new account is not asked again', async () => {
    const user = await givenVerifiedUser(t);
    expect(await versions(user.id)).toEqual(['2.0.0']);
    const status = await t.app.inject({ method: 'GET', url: '/api/me/policy', headers: { cookie: user.cookie } });
    expect(status.json()).toEqual({ version: '2.0.0', acknowledgedVersion: '2.0.0', mustAcknowledge: false });
  });

  it('asks earlier users to acknowledge it once, and records when they did', async () => {
    const user = await givenEarlierUser();
    const get = () => t.app.inject({ method: 'GET', url: '/api/me/policy', headers: { cookie: user.cookie } });
    expect((await get()).json()).toEqual({ version: '2.0.0', acknowledgedVersion: '1.0.0', mustAcknowledge: true });
    const ack = await t.app.inject({
      method: 'POST',
      url: '/api/me/policy/acknowledge',
      headers: { cookie: user.cookie, origin: t.origin },
      payload: { version: '2.0.0' },
    });
    expect(ack.statusCode).toBe(204);
    expect((await get()).json()).toEqual({ version: '2.0.0', acknowledgedVersion: '2.0.0', mustAcknowledge: false });
    expect((await versions(user.id)).sort()).toEqual(['1.0.0', '2.0.0']);
  });

  it('e-mails each earlier user who has not acknowledged it exactly once, even when two runs race', async () => {
    const pending = await givenEarlierUser();
    const acknowledged = await givenEarlierUser();
    await t.deps.db.insert(tables.policyAcknowledgements).values({ userId: acknowledged.id, version: '2.0.0' });
    const current = await givenVerifiedUser(t);
    const unverified = `unverified.${Date.now()}@example.com`;
    expect((await signUp(t, { email: unverified, password: 'correct horse battery', name: 'Later', ageConfirmed: true })).statusCode).toBe(
      200,
    );

    expect(t.deps.privacy.settings.policyNotice).toEqual({ version: '2.0.0' });
    const runs = await Promise.all([1, 2].map(() => sendPolicyNotices(t.deps.privacy, { version: '2.0.0' })));
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await sendPolicyNotices(t.deps.privacy, { version: '2.0.0' })).toBe(0);

    const mails = policyMails(pending.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`${t.config.http.publicUrl}/privacy`);
    for (const other of [acknowledged.email, current.email, unverified]) expect(policyMails(other)).toHaveLength(0);
  });
});
