import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { eventually } from './helpers/ui.js';

/**
 * Create keeps what the user was writing: prompt, model, ratio, count and
 * chosen references survive a reload and a visit to another screen, per
 * account, and are forgotten on sign-out. A prompt past the model's limit is
 * kept whole (never cut), flagged, and cannot be sent until it fits.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let userId = '';

const checkedValue = (name: string) => page.locator(`input[name="${name}"]:checked`).getAttribute('value');
const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('animegen.draft.')));
/** Gives the page an image file as a user would: dropped on the prompt, or pasted (Ctrl+V) anywhere. */
async function handOver(how: 'drop' | 'paste', path: string) {
  const b64 = readFileSync(path).toString('base64');
  const type = path.endsWith('.png') ? 'image/png' : path.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
  await page.getByTestId('prompt-input').evaluate(
    (box, { b64, type, how }) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'image', { type }));
      const event =
        how === 'drop'
          ? new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
          : new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      (how === 'drop' ? box : document.body).dispatchEvent(event);
    },
    { b64, type, how },
  );
}
const openCreate = async () => {
  await page.goto('/create');
  await page.getByTestId('prompt-input').waitFor();
};

beforeAll(async () => {
  server = await startServer({ SIMULATOR_DELAY_MS: '200' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  const user = await signedInViaApi(server.baseUrl, context, 'draft');
  const me = (await (await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: user.cookie } })).json()) as { id: string };
  userId = me.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the Create draft', () => {
  it('survives a reload and another screen: prompt, model, ratio, count and references', async () => {
    await openCreate();
    await page.getByTestId('model-option').filter({ hasText: 'Nano Banana 2' }).click();
    await page.getByTestId('prompt-input').fill('A fox spirit in the snow, lantern light');
    await page.getByTestId('aspect-16:9').click();
    await page.getByTestId('count-3').click();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c8a2ff' } })
      .png()
      .toBuffer();
    await page.getByTestId('reference-input').setInputFiles([{ name: 'fox.png', mimeType: 'image/png', buffer: png }]);
    await page.locator('[data-testid="reference-item"][data-state="ready"]').waitFor();
    expect(await drafts()).toEqual([`animegen.draft.${userId}`]);
    // What this browser keeps is named on the cookie page.
    const cookiePage = (await (await fetch(`${server.baseUrl}/api/legal/cookies`)).json()) as { html: string };
    expect(cookiePage.html).toContain('animegen.draft.&lt;account&gt;');

    const expectKept = async () => {
      await eventually(() => page.getByTestId('prompt-input').inputValue(), 'A fox spirit in the snow, lantern light');
      expect(await checkedValue('model')).toBe('nano-banana-2');
      expect(await checkedValue('aspect')).toBe('16:9');
      expect(await checkedValue('count')).toBe('3');
      await page.locator('[data-testid="reference-item"][data-state="ready"]').waitFor();
      expect(await page.getByTestId('reference-item').count()).toBe(1);
    };
    await page.reload();
    await expectKept();

    await page.goto('/gallery');
    await page.getByRole('link', { name: 'Create' }).first().click();
    await expectKept();

    // The kept reference is the same upload: a generation made from the restored form uses it.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/generations') && r.request().method() === 'POST'),
      page.getByTestId('submit-generation').click(),
    ]);
    expect(response.status()).toBe(202);
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ model: 'nano-banana-2', aspectRatio: '16:9', count: 3 });
    expect(JSON.parse(response.request().postData() ?? '{}').referenceUploadIds).toHaveLength(1);
    // Sending keeps the form as it was, for the next try.
    await page.reload();
    await expectKept();
  });

  it('keeps a prompt past the model limit whole, says which limit, and will not send it until it fits', async () => {
    await openCreate();
    // What the first test left: a reference (Seedream takes none) and three images (more than the balance left).
    await page.getByTestId('reference-item').getByRole('button').click();
    await page.getByTestId('count-1').click();
    await page.getByTestId('model-option').filter({ hasText: 'Seedream 4.5' }).click();
    const long = `${'cherry blossoms, '.repeat(180)}end`; // 3,063 characters; Seedream 4.5 takes 3,000
    await page.getByTestId('prompt-input').fill(long);
    expect((await page.getByTestId('prompt-input').inputValue()).length).toBe(long.length);
    await page.getByText('Seedream 4.5 takes prompts of up to 3,000 characters; this one has 3,063.').waitFor();
    expect(await page.getByTestId('prompt-counter').textContent()).toBe('3063/3000');
    expect(await page.getByTestId('prompt-counter').evaluate((e) => getComputedStyle(e).fontWeight)).toBe('600');
    expect(await page.getByTestId('submit-generation').isDisabled()).toBe(true);

    // A model that takes it clears the problem at once, and so does shortening it.
    await page.getByTestId('model-option').filter({ hasText: 'Nano Banana 2' }).click();
    expect(await page.getByText(/takes prompts of up to/).count()).toBe(0);
    expect(await page.getByTestId('submit-generation').isDisabled()).toBe(false);
    await page.getByTestId('model-option').filter({ hasText: 'Seedream 4.5' }).click();
    await page.getByTestId('prompt-input').fill(long.slice(0, 3000));
    expect(await page.getByText(/takes prompts of up to/).count()).toBe(0);
    expect(await page.getByTestId('submit-generation').isDisabled()).toBe(false);
  });

  it('downloads carry the settings that made them, read back from the file, until turned off in Settings', async () => {
    await page.goto('/gallery');
    await page.locator('[data-testid="gallery-item"][data-status="succeeded"]').first().click();
    await page.getByTestId('detail-image').waitFor();
    const download = async () => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
      const meta = await sharp(readFileSync((await file.path()) as string)).metadata();
      return Object.fromEntries((meta.comments ?? []).map((c) => [c.keyword, c.text]));
    };
    const kept = await download();
    expect(kept.parameters).toMatch(/^A fox spirit in the snow, lantern light\nSize: \d+x\d+, Model: Nano Banana 2, Aspect ratio: "16:9"$/);
    expect(JSON.parse(kept.animegen ?? '{}')).toMatchObject({ model: 'nano-banana-2', prompt: 'A fox spirit in the snow, lantern light' });

    await page.goto('/settings');
    const box = page.getByTestId('embed-settings');
    expect(await box.isChecked()).toBe(true);
    await box.click();
    await eventually(() => box.isChecked(), false);
    await page.goBack();
    await page.getByTestId('detail-image').waitFor();
    expect(await download()).toEqual({});
  });

  it('fills the form from the settings inside an image (A1111, NovelAI with its hidden copy, ComfyUI; PNG or JPEG), dropped, pasted or picked, naming what it cannot use', async () => {
    await openCreate();
    const fixtures = join(import.meta.dirname, '../fixtures/metadata');
    const before = await page.getByTestId('prompt-input').inputValue();
    await page.getByTestId('import-settings-input').setInputFiles(join(fixtures, 'a1111.png'));
    await eventually(() => page.getByTestId('prompt-input').inputValue(), '1girl, silver hair, (cherry blossoms:1.2), dusk, masterpiece');
    const notice = page.getByTestId('import-notice');
    expect(await notice.textContent()).toContain('Filled from an A1111 image: prompt.');
    const unused = (await page.getByTestId('import-unused').textContent()) ?? '';
    for (const part of ['negative prompt', 'Steps 28', 'Seed 1234567890', 'model illustriousXL_v01', 'aspect ratio 13:19'])
      expect(unused).toContain(part);

    // Dropped on the prompt: read in the page, never uploaded.
    const uploads: string[] = [];
    page.on('request', (r) => {
      // The form asks for its price (POST /api/quote) as the prompt changes: that sends no image.
      if (r.method() !== 'GET' && new URL(r.url()).pathname !== '/api/quote') uploads.push(r.url());
    });
    await handOver('drop', join(fixtures, 'novelai.png'));
    await eventually(() => page.getByTestId('prompt-input').inputValue(), 'kitsune girl, autumn leaves, {{detailed}}');
    expect(await notice.textContent()).toContain('Filled from a NovelAI image');
    expect(await page.getByTestId('import-unused').textContent()).toContain('seed 3141592653');

    // Pasted anywhere on the page (Ctrl+V): the copy NovelAI hides in the alpha channel, decoded by this browser.
    await handOver('paste', join(fixtures, 'novelai-stealth.png'));
    await eventually(() => page.getByTestId('prompt-input').inputValue(), 'twin-tailed girl, winter festival, snow, {{best quality}}');
    expect(await notice.textContent()).toContain('Filled from a NovelAI image');
    // A1111's EXIF in a JPEG; a ComfyUI graph, its prompt found through the sampler.
    await page.getByTestId('import-settings-input').setInputFiles(join(fixtures, 'a1111.jpg'));
    await eventually(() => page.getByTestId('prompt-input').inputValue(), '1girl, maid, cafe interior');
    await handOver('drop', join(fixtures, 'comfyui.png'));
    await eventually(() => page.getByTestId('prompt-input').inputValue(), '1girl, fox ears, shrine at night, paper lanterns');
    expect(await notice.textContent()).toContain('Filled from a ComfyUI image');
    expect(await page.getByTestId('import-unused').textContent()).toContain('seed 8675309');
    expect(uploads).toEqual([]);

    // Undo brings back the form as it was before the first import.
    await page.getByTestId('import-undo').click();
    expect(await page.getByTestId('prompt-input').inputValue()).toBe(before);
    expect(await page.getByTestId('import-notice').count()).toBe(0);

    await page.getByTestId('import-settings-input').setInputFiles(join(fixtures, 'plain.png'));
    await page.getByText('This image carries no settings we can read').waitFor();
    expect(await page.getByTestId('prompt-input').inputValue()).toBe(before);
  });

  it('belongs to its account, and is forgotten on sign-out', async () => {
    await openCreate();
    await page.getByTestId('prompt-input').fill('A shrine maiden at dusk');
    await eventually(async () => (await drafts()).length, 1);

    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/sign-in');
    expect(await drafts()).toEqual([]);

    // Another account on this browser starts with an empty form.
    await signedInViaApi(server.baseUrl, context, 'draft-other');
    await openCreate();
    expect(await page.getByTestId('prompt-input').inputValue()).toBe('');
  });
});
