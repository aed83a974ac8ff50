import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Steps in the user's words, so the journey reads like what a person does.
 * Elements are found by role and label where people would, by data-testid
 * where the UI marks key elements for tests.
 */

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

export const newUser = (tag: string): TestUser => ({
  name: `Sakura ${tag}`,
  email: `sakura.${tag}.${Date.now()}@example.test`,
  password: 'cherry-blossom-2024',
});

/** Waits until `read()` returns `expected` (auto-retrying assertion). */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeout = 20_000): Promise<void> {
  await expect.poll(read, { timeout, interval: 100 }).toEqual(expected);
}

export async function fillSignUpForm(page: Page, user: TestUser, { confirmAge }: { confirmAge: boolean }): Promise<void> {
  await page.getByLabel('Display name').fill(user.name);
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByTestId('age-confirm').setChecked(confirmAge);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Opens the dev mailbox and follows the link in the newest message to `to` whose subject matches. */
export async function followMailLink(page: Page, to: string, subject: RegExp): Promise<void> {
  await page.goto('/dev/mail');
  const message = page.getByTestId('dev-mail-message').filter({ hasText: to }).filter({ hasText: subject }).first();
  await message.waitFor();
  await message.getByTestId('dev-mail-url').first().click();
}

export async function balance(page: Page): Promise<number> {
  const text = (await page.getByTestId('balance').textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

export const waitForBalance = (page: Page, expected: number) => eventually(() => balance(page), expected);

/** Writes a prompt on the Create page and submits it; resolves with the new generation's id. */
export async function generate(page: Page, prompt: string): Promise<string> {
  await page.getByTestId('prompt-input').fill(prompt);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/generations') && r.request().method() === 'POST'),
    page.getByTestId('submit-generation').click(),
  ]);
  expect(response.status()).toBe(202);
  const body = (await response.json()) as { id: string };
  return body.id;
}

export const galleryItem = (page: Page, id: string) => page.locator(`[data-testid="gallery-item"][data-id="${id}"]`);

/** The PNG signature: the first eight bytes of every PNG file. */
export function isPng(path: string): boolean {
  const head = readFileSync(path).subarray(0, 8);
  return head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}
