/** `npm run bench`, part 2.2: ingestion of one result at a time against a minimal sharp thumbnail + writes. */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Deps } from '../src/deps.js';
import { newId } from '../src/lib/ids.js';
import { renderPlaceholder, sniffImageType } from '../src/providers/index.js';
import { storageKeys } from '../src/storage/index.js';
import { cpuMs, ms } from './lib.js';

const INGEST_IMAGES = Number(process.env.BENCH_INGEST_IMAGES ?? 200);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 500);

/** 2. What completeGeneration does per result image, step by step, against a minimal sharp thumbnail + writes. */
export async function ingestion(deps: Deps, dataDir: string): Promise<void> {
  const { images, storage } = deps.generation;
  const aspects = ['1:1', '3:4', '4:3', '9:16', '16:9'];
  const cpuRender = process.cpuUsage();
  const pngs: Buffer[] = [];
  for (let i = 0; i < INGEST_IMAGES; i++) pngs.push(await renderPlaceholder(`ingestion benchmark ${i}`, i, aspects[i % 5]!));
  const renderCpu = cpuMs(cpuRender) / pngs.length;
  mkdirSync(join(dataDir, 'raw'), { recursive: true });
  const raw = async (bytes: Buffer, i: number) => {
    const { width, height } = await sharp(bytes).metadata();
    const thumb = await sharp(bytes).resize(512, 512, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    await Promise.all([writeFile(join(dataDir, 'raw', `${i}.png`), bytes), writeFile(join(dataDir, 'raw', `${i}.webp`), thumb)]);
    if (!width || !height) throw new Error('no dimensions');
  };
  const steps = { ingest: 0, writes: 0 };
  const step = async <T>(name: keyof typeof steps, work: Promise<T>): Promise<T> => {
    const t = performance.now();
    const out = await work;
    steps[name] += performance.now() - t;
    return out;
  };
  const originals: Buffer[] = [];
  const ours = async (bytes: Buffer) => {
    const [gen, id] = [newId(), newId()];
    const image = await step('ingest', sniffImageType(bytes) ? images.ingestResult(bytes) : Promise.reject(new Error('sniff')));
    await step(
      'writes',
      Promise.all([
        storage.put(storageKeys.original('bench', gen, id, image.format), image.bytes, image.contentType),
        storage.put(storageKeys.thumbnail('bench', gen, id), image.thumbnail, 'image/webp'),
      ]),
    );
    originals.push(image.bytes);
  };
  for (const [i, png] of pngs.slice(0, 5).entries()) await Promise.all([raw(png, -i - 1), ours(png)]); // warm-up
  Object.assign(steps, { ingest: 0, writes: 0 });
  originals.length = 0;
  const total = { raw: 0, ours: 0, rawCpu: 0, oursCpu: 0 };
  for (const [i, png] of pngs.entries()) {
    // Alternating which goes first spreads drift in machine load over both.
    for (const which of i % 2 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const)) {
      const [t, c] = [performance.now(), process.cpuUsage()];
      await (which === 'raw' ? raw(png, i) : ours(png));
      total[which] += performance.now() - t;
      total[`${which}Cpu`] += cpuMs(c);
    }
  }
  // The viewer's preview, made on an image's first view (openPreview), not during ingestion.
  const [tp, cp] = [performance.now(), process.cpuUsage()];
  for (const original of originals)
    await storage.put(storageKeys.preview('bench', newId(), newId()), await images.preview(original), 'image/webp');
  const preview = { wall: performance.now() - tp, cpu: cpuMs(cp) };
  const n = pngs.length;
  const kb = pngs.reduce((sum, p) => sum + p.length, 0) / n / 1024;
  console.log(`\n## 2. Ingestion: ${n} simulator PNGs (longest side 1024 px, ${kb.toFixed(0)} KB on average), one at a time\n`);
  const table = [
    ['raw baseline: dimensions, 512 px WebP thumbnail, write original + thumbnail', total.raw, total.rawCpu],
    ['ours: sniff, header, metadata cut from the PNG chunks, one full decode → 512 px WebP thumbnail', steps.ingest],
    ['ours: original + thumbnail written at once (temp file + rename each)', steps.writes],
    ['ours: total', total.ours, total.oursCpu],
    ['later, on first view only: 1536 px WebP preview + write (not ingestion)', preview.wall, preview.cpu],
  ] as const;
  console.log('| step | wall ms per image | CPU ms per image |\n|---|---:|---:|');
  for (const [name, wall, cpu] of table) console.log(`| ${name} | ${ms(wall / n)} | ${cpu === undefined ? '' : ms(cpu / n)} |`);
  console.log(`\ningestion / raw baseline = ${(total.ours / total.raw).toFixed(2)}×   (goal ≤ 1.2×)`);
  const budget = ((total.oursCpu / n + renderCpu) * IN_FLIGHT) / 1000 / availableParallelism();
  console.log(`simulator render: ${ms(renderCpu)} CPU ms per image; ${IN_FLIGHT} results (render + ours) need ≥ ${ms(budget)} s here`);
}
