import { createHash } from 'node:crypto';
import sharp from 'sharp';

/**
 * Deterministic demo placeholders: the same prompt and seed always give the
 * same PNG bytes, so tests and screenshots are stable.
 */

const LONG_SIDE = 1024;

/** Seedream 4.0 names sizes instead of ratios. */
const NAMED_SIZES: Record<string, string> = {
  square: '1:1',
  square_hd: '1:1',
  portrait_4_3: '3:4',
  portrait_3_2: '2:3',
  portrait_16_9: '9:16',
  landscape_4_3: '4:3',
  landscape_3_2: '3:2',
  landscape_16_9: '16:9',
  landscape_21_9: '21:9',
};

/** Pixel size for a ratio like `16:9` or a named size; the longest side is 1024. */
export function dimensionsFor(aspect: string): { width: number; height: number } {
  const ratio = NAMED_SIZES[aspect] ?? aspect;
  const match = /^(\d+):(\d+)$/.exec(ratio);
  const w = Number(match?.[1] ?? 1);
  const h = Number(match?.[2] ?? 1);
  if (!(w > 0 && h > 0)) return { width: LONG_SIDE, height: LONG_SIDE };
  return w >= h
    ? { width: LONG_SIDE, height: Math.max(1, Math.round((LONG_SIDE * h) / w)) }
    : { width: Math.max(1, Math.round((LONG_SIDE * w) / h)), height: LONG_SIDE };
}

/** A stable 32-bit seed for prompts sent without one. */
export function seedFromPrompt(prompt: string): number {
  return createHash('sha256').update(prompt).digest().readUInt32BE(0);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

function excerpt(prompt: string): string {
  const clean = prompt
    .replace(/\[sim:[a-z]+\]/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > 48 ? `${clean.slice(0, 47)}…` : clean;
}

/** Petals scattered from the hash bytes: the shapes differ with every seed. */
function petals(hash: Buffer, width: number, height: number): string {
  const out: string[] = [];
  for (let i = 0; i < 7; i++) {
    const x = Math.round(((hash[8 + i * 3] ?? 0) / 255) * width);
    const y = Math.round(((hash[9 + i * 3] ?? 0) / 255) * height * 0.7);
    const r = Math.round(12 + ((hash[10 + i * 3] ?? 0) / 255) * 36);
    out.push(
      `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${Math.round(r * 0.6)}" fill="#fff" fill-opacity="0.35" transform="rotate(${i * 47} ${x} ${y})"/>`,
    );
  }
  return out.join('');
}

function svgFor(prompt: string, hash: Buffer, width: number, height: number): string {
  const hue = Math.round(((hash[0] ?? 0) / 255) * 360);
  const hue2 = (hue + 40 + Math.round(((hash[1] ?? 0) / 255) * 80)) % 360;
  const hue3 = (hue + 180) % 360;
  const sunX = Math.round(width * (0.2 + ((hash[2] ?? 0) / 255) * 0.6));
  const sunY = Math.round(height * (0.2 + ((hash[3] ?? 0) / 255) * 0.25));
  const short = Math.min(width, height);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0.4" y2="1">
<stop offset="0" stop-color="hsl(${hue},70%,78%)"/><stop offset="1" stop-color="hsl(${hue2},65%,58%)"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#sky)"/>
<circle cx="${sunX}" cy="${sunY}" r="${Math.round(short * 0.16)}" fill="hsl(${hue3},90%,88%)" fill-opacity="0.8"/>
<path d="M0 ${Math.round(height * 0.78)} Q ${Math.round(width * 0.3)} ${Math.round(height * 0.62)} ${Math.round(width * 0.6)} ${Math.round(height * 0.76)} T ${width} ${Math.round(height * 0.7)} V ${height} H 0 Z" fill="hsl(${hue2},45%,35%)" fill-opacity="0.55"/>
${petals(hash, width, height)}
<text x="50%" y="48%" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${Math.round(short * 0.2)}" fill="#fff" fill-opacity="0.9" stroke="hsl(${hue2},50%,30%)" stroke-width="${Math.max(1, Math.round(short * 0.006))}">DEMO</text>
<text x="50%" y="92%" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="${Math.round(short * 0.035)}" fill="#fff">${escapeXml(excerpt(prompt))}</text>
</svg>`;
}

/** Renders the placeholder PNG for a prompt, seed and aspect field value. */
export async function renderPlaceholder(prompt: string, seed: number, aspect: string): Promise<Buffer> {
  const { width, height } = dimensionsFor(aspect);
  const hash = createHash('sha256').update(`${prompt}\u0000${seed}`).digest();
  return sharp(Buffer.from(svgFor(prompt, hash, width, height)))
    .png()
    .toBuffer();
}

/** The placeholder as a JPEG or WebP, as some models return their results. */
export function convertPlaceholder(png: Buffer, format: 'jpeg' | 'webp'): Promise<Buffer> {
  return (format === 'jpeg' ? sharp(png).jpeg({ quality: 90 }) : sharp(png).webp({ quality: 90 })).toBuffer();
}
