/**
 * A friendly name for a session's browser and system, read from its
 * User-Agent ("Chrome on macOS", "Safari on iPhone"). Product names are not
 * translated; unknown parts come back null for the caller to word.
 */

export type DeviceKind = 'phone' | 'tablet' | 'desktop';

export interface Device {
  browser: string | null;
  os: string | null;
  kind: DeviceKind;
}

/** Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari". */
const browsers: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|(?:\b|Headless)Chrom(?:e|ium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
  [/\bnode(?:-fetch)?\b|\bundici\b/i, 'Node.js'],
];

const systems: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

export function describeDevice(userAgent: string | null | undefined): Device {
  const ua = userAgent ?? '';
  const browser = browsers.find(([re]) => re.test(ua))?.[1] ?? null;
  const os = systems.find(([re]) => re.test(ua))?.[1] ?? null;
  const kind: DeviceKind =
    os === 'iPad' || (os === 'Android' && !/\bMobile\b/.test(ua))
      ? 'tablet'
      : os === 'iPhone' || os === 'Android' || /\bMobile\b/.test(ua)
        ? 'phone'
        : 'desktop';
  return { browser, os, kind };
}
