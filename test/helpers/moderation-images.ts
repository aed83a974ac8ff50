import sharp from 'sharp';

/**
 * Self-made test images for the image checks (no photographs of anyone):
 * a manga-style line drawing with screentone, which the local classifier
 * reads as drawn, and a photo-like landscape (gradient sky, textured ground,
 * sensor noise), which it reads as photographic. Deterministic.
 */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

export async function drawnImage(): Promise<Buffer> {
  const rnd = random(7);
  let lines = '';
  for (let i = 0; i < 60; i++) {
    const x = rnd() * 512;
    const y = rnd() * 512;
    lines += `<path d="M${x} ${y} q ${rnd() * 80 - 40} ${rnd() * 80 - 40} ${rnd() * 160 - 80} ${rnd() * 160 - 80}" stroke="#111" stroke-width="${1 + rnd() * 3}" fill="none"/>`;
  }
  const face =
    '<circle cx="256" cy="230" r="130" fill="#fff" stroke="#111" stroke-width="4"/>' +
    '<path d="M140 200 Q150 90 256 95 Q362 90 372 200 Q330 140 256 135 Q182 140 140 200Z" fill="url(#tone)" stroke="#111" stroke-width="4"/>' +
    '<ellipse cx="210" cy="235" rx="22" ry="34" fill="#111"/><ellipse cx="302" cy="235" rx="22" ry="34" fill="#111"/>' +
    '<circle cx="216" cy="222" r="8" fill="#fff"/><circle cx="308" cy="222" r="8" fill="#fff"/>' +
    '<path d="M236 300 Q256 312 276 300" stroke="#111" stroke-width="3" fill="none"/>' +
    '<path d="M170 360 L130 512 M342 360 L382 512 M200 350 Q256 380 312 350" stroke="#111" stroke-width="4" fill="none"/>';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><defs><pattern id="tone" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.4" fill="#222"/></pattern></defs><rect width="512" height="512" fill="#fff"/>${face}${lines}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function photoLikeImage(): Promise<Buffer> {
  const rnd = random(1);
  const w = 512;
  const h = 512;
  const raw = Buffer.alloc(w * h * 3);
  const clamp = (v: number) => Math.max(0, Math.min(255, v));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const n = (rnd() - 0.5) * 40;
      const sky = y < h * 0.55;
      raw[i] = clamp((sky ? 120 + y * 0.2 : 70 + Math.sin(x / 9) * 15) + n);
      raw[i + 1] = clamp((sky ? 170 + y * 0.15 : 110 + Math.cos(y / 7) * 20) + n);
      raw[i + 2] = clamp((sky ? 230 : 50) + n);
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .blur(1.2)
    .jpeg()
    .toBuffer();
}
