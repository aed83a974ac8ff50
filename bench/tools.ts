/**
 * `npm run bench`, part 2.6 (BENCH_ONLY=tools): what our side adds to an
 * upscale and a background removal. For each result of the simulator's
 * Topaz ×2 and Recraft models: ours = the KIE adapter's checked download
 * (address pinned, size capped, type sniffed) + ingestion (metadata cut,
 * WebP thumbnail) + storing original and thumbnail, as completeGeneration
 * does; raw = a plain fetch + dimensions + the same-size thumbnail + two file
 * writes. Alternating, one at a time. Goal: ours ≤ 1.2× raw. (The source's
 * upload is not timed: the simulator renders in this process, so its work
 * would be counted as ours.)
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Deps } from '../src/deps.js';
import { newId } from '../src/lib/ids.js';
import { createKieProvider, type ImageProvider, renderPlaceholder, startSimulator } from '../src/providers/index.js';
import { storageKeys } from '../src/storage/index.js';
import { ms } from './lib.js';

const ROUNDS = Number(process.env.BENCH_TOOL_IMAGES ?? 12);

async function finished(provider: ImageProvider, taskId: string): Promise<string> {
  for (;;) {
    const state = await provider.getTask(taskId);
    if (state.state === 'succeeded') return state.resultUrls[0]!;
    if (state.state === 'failed') throw state.error;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function tools(deps: Deps, dataDir: string): Promise<void> {
  const sim = await startSimulator({ delayMs: 10, apiKey: 'bench' });
  sim.setBehaviour({ rateLimit: false });
  const provider = createKieProvider({
    apiKey: 'bench',
    baseUrl: sim.url,
    uploadBaseUrl: sim.url,
    allowedResultHosts: [new URL(sim.url).host],
    demo: true,
  });
  const { images, storage } = deps.generation;
  mkdirSync(join(dataDir, 'raw-tools'), { recursive: true });
  try {
    console.log(`\n## 6. Image tools: our side of a result against a raw download + store (${ROUNDS} results each)\n`);
    console.log('| tool | result | raw ms per result | ours ms per result | ours / raw |\n|---|---|---:|---:|---:|');
    for (const [tool, providerModel] of [
      ['upscale', 'topaz/image-upscale'],
      ['remove-background', 'recraft/remove-background'],
    ] as const) {
      const totals = { raw: 0, ours: 0 };
      let size = '';
      for (let i = 0; i < ROUNDS + 2; i++) {
        const source = await renderPlaceholder(`tool bench ${i}`, i, '3:4');
        const taskId = await provider.createTask({
          providerModel,
          tool,
          factor: 2,
          prompt: '',
          aspectRatio: '3:4',
          seed: i,
          references: [],
          source: { name: `${newId()}.png`, bytes: source, contentType: 'image/png' },
        });
        const url = await finished(provider, taskId);
        const raw = async () => {
          // KIE's file host (and so the simulator) turns away clients without a User-Agent of their own.
          const res = await fetch(url, { headers: { 'User-Agent': 'AnimeGen-bench/1.0' } });
          const bytes = Buffer.from(await res.arrayBuffer());
          if (!res.ok) throw new Error(`raw fetch ${url}: HTTP ${res.status} ${bytes.toString().slice(0, 80)}`);
          const { width, height } = await sharp(bytes).metadata();
          const thumb = await sharp(bytes).resize(512, 512, { fit: 'inside' }).webp({ quality: 80 }).toBuffer();
          await Promise.all([
            writeFile(join(dataDir, 'raw-tools', `${i}.png`), bytes),
            writeFile(join(dataDir, 'raw-tools', `${i}.webp`), thumb),
          ]);
          size = `${width}×${height}, ${Math.round(bytes.length / 1024)} KB`;
        };
        const ours = async () => {
          const { bytes } = await provider.downloadResult(url);
          const image = await images.ingestResult(bytes);
          const [gen, id] = [newId(), newId()];
          await Promise.all([
            storage.put(storageKeys.original('bench', gen, id, image.format), image.bytes, image.contentType),
            storage.put(storageKeys.thumbnail('bench', gen, id), image.thumbnail, 'image/webp'),
          ]);
        };
        for (const which of i % 2 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const)) {
          const t = performance.now();
          await (which === 'raw' ? raw() : ours());
          // The first two rounds warm caches and sharp's pool; they are not counted.
          if (i >= 2) totals[which] += performance.now() - t;
        }
      }
      console.log(
        `| ${tool} | ${size} | ${ms(totals.raw / ROUNDS)} | ${ms(totals.ours / ROUNDS)} | ${(totals.ours / totals.raw).toFixed(2)}× |`,
      );
    }
    console.log('\nimage tools: ours / raw per result (goal ≤ 1.2×) as above');
  } finally {
    await sim.close();
  }
}
