import { type Browser, chromium } from 'playwright-core';

/** How Debian's chromium runs here: no sandbox (root), no GPU, and no calls home (the network is closed). */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's chromium (never a downloaded browser), headless and quiet. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumFlags });
}

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };
