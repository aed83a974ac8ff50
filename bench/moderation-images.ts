/**
 * `npm run bench`, part 5 (BENCH_ONLY=moderation): what the local image check (NSFWJS on
 * TensorFlow.js WebAssembly, its own thread) costs, each figure against a baseline from the same run.
 *   a. Per image: BENCH_MODERATION_IMAGES (60) PNGs drawn here with sharp at the simulator's sizes
 *      (longest side 1024 px, its five aspect ratios, noise over its placeholder so they compress like
 *      real results), one at a time. The first classification (thread start, model load, first
 *      inference) is reported apart; then per image, alternating which goes first: sharp decoding
 *      the image to raw pixels (the baseline, work the classifier needs too), the classifier's own
 *      224 px decode, and the whole classification; p50/p95/p99/mean and their ratios.
 *   b. Under load: BENCH_MODERATION_GENERATIONS (50) generations submitted at once over HTTP to an
 *      app with a worker of as many slots, the KIE simulator in a process of its own (each task
 *      BENCH_MODERATION_TASK_MS, 200 ms; callbacks on), until all are terminal. Rounds alternate the
 *      image check off and local (BENCH_MODERATION_ROUNDS rounds with it on, each between two with
 *      it off, compared to their mean); the median ratio is the figure, with what one image's check
 *      took under that load (wall, queue included) and the CPU it added per generation.
 * The machine's load average is printed with the figures: other work on it moves them.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Config } from '../src/config.js';
import { createLocalImageModerator, type ImageModerator, offImageModerator } from '../src/image-moderation/index.js';
import { createProvider, renderPlaceholder, unlimitedRateLimiter } from '../src/providers/index.js';
import { cpuMs, ms, scratchDatabase, settleGenerations, startApp, verifiedUsers } from './lib.js';
import { API_KEY, simulatorProcess, submitProcess } from './processes.js';

const env = process.env;
const IMAGES = Math.max(2, Number(env.BENCH_MODERATION_IMAGES ?? 60));
const GENERATIONS = Number(env.BENCH_MODERATION_GENERATIONS ?? 50);
const ROUNDS = Math.max(1, Number(env.BENCH_MODERATION_ROUNDS ?? 3));
const TASK_MS = Number(env.BENCH_MODERATION_TASK_MS ?? 200);
/** The classifier's input, as src/image-moderation/nsfwjs.ts prepares it. */
const SIZE = 224;

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 0.5), p95: pct(s, 0.95), p99: pct(s, 0.99), mean: mean(s), max: s[s.length - 1]! };
}
const row = (name: string, xs: number[]) => {
  const s = stats(xs);
  return `| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.mean)} | ${ms(s.max)} |`;
};

/** One result-like PNG: the simulator's placeholder at its size, with noise laid over it. */
async function resultLike(i: number, aspect: string): Promise<Buffer> {
  const base = await renderPlaceholder(`moderation benchmark ${i}`, i, aspect);
  const { width, height } = await sharp(base).metadata();
  const noise = await sharp({
    create: { width: width!, height: height!, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 24 } },
  })
    .blur(0.6)
    .png()
    .toBuffer();
  return sharp(base)
    .composite([{ input: noise, blend: 'soft-light' }])
    .png()
    .toBuffer();
}

interface PerImage {
  coldMs: number;
  decode: number[];
  prepare: number[];
  classify: number[];
  kb: number;
}

/** a. One image at a time, on a classifier of its own started cold. */
async function perImage(): Promise<PerImage> {
  const aspects = ['1:1', '3:4', '4:3', '9:16', '16:9'];
  const pngs: Buffer[] = [];
  for (let i = 0; i < IMAGES; i++) pngs.push(await resultLike(i, aspects[i % aspects.length]!));
  const moderator = createLocalImageModerator();
  const decode = (png: Buffer) => sharp(png).raw().toBuffer();
  const prepare = (png: Buffer) =>
    sharp(png, { failOn: 'none' }).resize(SIZE, SIZE, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
  try {
    const t = performance.now();
    await moderator.classify(pngs[0]!, 'image/png');
    const coldMs = performance.now() - t;
    for (const png of pngs.slice(0, 3)) await Promise.all([decode(png), prepare(png)]); // sharp warm too
    const steps = {
      decode: [] as number[],
      prepare: [] as number[],
      classify: [] as number[],
    };
    const run = { decode, prepare, classify: (png: Buffer) => moderator.classify(png, 'image/png') };
    for (const [i, png] of pngs.entries()) {
      // Rotating which goes first spreads drift in the machine's load over all three.
      const order = (['decode', 'prepare', 'classify'] as const).map((_, k, all) => all[(i + k) % all.length]!);
      for (const name of order) {
        const started = performance.now();
        await run[name](png);
        steps[name].push(performance.now() - started);
      }
    }
    return { coldMs, ...steps, kb: mean(pngs.map((p) => p.length)) / 1024 };
  } finally {
    await moderator.close?.();
  }
}

interface Round {
  mode: 'off' | 'local';
  accepted: number;
  succeeded: number;
  wallMs: number;
  cpuMs: number;
  classifyMs: number[];
  failed: number;
}

interface UnderLoad {
  rounds: Round[];
  warmMs: number;
}

/** b. Generations end to end through the app, the image check switched between off and local each round. */
async function underLoad(dataDir: string): Promise<UnderLoad> {
  const scratch = await scratchDatabase();
  const simulator = await simulatorProcess(TASK_MS);
  const local = createLocalImageModerator();
  const started = performance.now();
  await local.warm();
  const warmMs = performance.now() - started;
  // The app's image check, switched between rounds; each local answer timed.
  let current: ImageModerator = offImageModerator;
  let timings: number[] = [];
  let failures = 0;
  const timedLocal: ImageModerator = {
    name: local.name,
    classify: async (image, contentType) => {
      const t = performance.now();
      try {
        return await local.classify(image, contentType);
      } catch (err) {
        failures++;
        throw err;
      } finally {
        timings.push(performance.now() - t);
      }
    },
  };
  const switched: ImageModerator = { name: 'bench: off or local', classify: (image, type) => current.classify(image, type) };
  const provider = createProvider({ kind: 'simulator-url', url: simulator.url, apiKey: API_KEY }, { rateLimiter: unlimitedRateLimiter });
  const tune = (c: Config) => ({ ...c, generation: { ...c.generation, concurrency: GENERATIONS } });
  const s = await startApp(
    dataDir,
    scratch.url ? { DATABASE_URL: scratch.url } : {},
    { role: 'all', provider, imageModerator: switched },
    tune,
  );
  try {
    s.deps.generation.settings.callbackBaseUrl = s.base;
    const users = await verifiedUsers(s.app, s.deps, 10, 'bench-image-moderation');
    const owners = users.map((u) => u.id);
    const submitter = await submitProcess(
      s.base,
      s.origin,
      users.map((u) => u.cookie),
    );
    const settle = (prefix: string, expected: number) =>
      settleGenerations(s.deps.db, {
        owners,
        prefix,
        expected,
        deadline: performance.now() + Number(env.BENCH_MODERATION_TIMEOUT_SECONDS ?? 300) * 1000,
        pollMs: 50,
      });
    const round = async (mode: Round['mode'], prefix: string): Promise<Round> => {
      current = mode === 'local' ? timedLocal : offImageModerator;
      timings = [];
      failures = 0;
      const [t0, c0] = [performance.now(), process.cpuUsage()];
      const statuses = await submitter.submit(GENERATIONS, prefix);
      const accepted = statuses.filter((st) => st < 300).length;
      const count = await settle(prefix, accepted);
      // process.cpuUsage covers every thread: libvips' and the classifier's too.
      return {
        mode,
        accepted,
        succeeded: count.succeeded!,
        wallMs: performance.now() - t0,
        cpuMs: cpuMs(c0),
        classifyMs: timings,
        failed: failures,
      };
    };
    try {
      await round('off', 'warm off'); // code loaded, pools opened
      await round('local', 'warm local');
      const rounds = [await round('off', 'off 0')];
      for (let i = 1; i <= ROUNDS; i++) {
        rounds.push(await round('local', `local ${i}`));
        rounds.push(await round('off', `off ${i}`));
      }
      return { rounds, warmMs };
    } finally {
      submitter.close();
    }
  } finally {
    await s.app.close();
    await s.deps.close();
    await local.close?.();
    await simulator.close();
    await scratch.drop();
  }
}

export async function imageModeration(dataDir: string): Promise<void> {
  const loadBefore = load();
  const a = await perImage();
  const loadMid = load();
  const b = await underLoad(join(dataDir, 'under-load'));
  const loadAfter = load();
  const cores = availableParallelism();

  console.log(`\n## 5. Image moderation: the local classifier (NSFWJS MobileNetV2, WebAssembly, its own thread)`);
  console.log(
    `\n### a. Per image: ${IMAGES} PNGs at the simulator's sizes (longest side 1024 px, ${a.kb.toFixed(0)} KB on average), one at a time\n`,
  );
  console.log(`warm-up, apart: first image on a cold classifier (thread start, model load, first inference) = ${ms(a.coldMs)} ms\n`);
  console.log('| step, ms per image | p50 | p95 | p99 | mean | max |\n|---|---:|---:|---:|---:|---:|');
  console.log(row('baseline: sharp decodes the PNG to raw pixels', a.decode));
  console.log(row(`the classifier's decode: ${SIZE}×${SIZE} raw pixels`, a.prepare));
  console.log(row('classification: that decode + inference on its thread', a.classify));
  const [cls, dec] = [stats(a.classify), stats(a.decode)];
  console.log(`\nclassification / decode baseline: p50 ${(cls.p50 / dec.p50).toFixed(2)}×, mean ${(cls.mean / dec.mean).toFixed(2)}×`);

  const offs = b.rounds.filter((r) => r.mode === 'off');
  const ons = b.rounds.filter((r) => r.mode === 'local');
  const between = ons.map((r, i) => ({
    on: r,
    off: { wallMs: (offs[i]!.wallMs + offs[i + 1]!.wallMs) / 2, cpuMs: (offs[i]!.cpuMs + offs[i + 1]!.cpuMs) / 2 },
  }));
  const wallRatios = between.map(({ on, off }) => on.wallMs / off.wallMs);
  const extraCpu = between.map(({ on, off }) => (on.cpuMs - off.cpuMs) / on.accepted);
  const extraWall = between.map(({ on, off }) => (on.wallMs - off.wallMs) / on.accepted);
  const underLoadMs = ons.flatMap((r) => r.classifyMs);
  const loaded = stats(underLoadMs);
  console.log(
    `\n### b. Under load: ${GENERATIONS} generations at once through the app (worker of ${GENERATIONS} slots, ingestion limit ${2 * cores}),`,
  );
  console.log(`simulator in its own process at ${TASK_MS} ms per task, callbacks on; the image check off and local in alternate rounds\n`);
  console.log(
    '| round | check | wall ms | generations per s | CPU ms per generation | succeeded | check failures |\n|---:|---|---:|---:|---:|---:|---:|',
  );
  for (const [i, r] of b.rounds.entries())
    console.log(
      `| ${i} | ${r.mode} | ${ms(r.wallMs)} | ${(r.accepted / (r.wallMs / 1000)).toFixed(1)} | ${ms(r.cpuMs / r.accepted)} | ${r.succeeded}/${r.accepted} | ${r.mode === 'local' ? r.failed : ''} |`,
    );
  console.log(
    `\nlocal rounds against the mean of the off rounds either side: wall ${wallRatios.map((x) => `${x.toFixed(2)}×`).join(', ')}`,
  );
  console.log(
    `one image's check under that load (wall, waiting for the thread included): p50 ${ms(loaded.p50)}, p95 ${ms(loaded.p95)}, p99 ${ms(loaded.p99)}, mean ${ms(loaded.mean)} ms over ${underLoadMs.length}`,
  );
  console.log(`model load in the app's classifier (warm(), before the rounds): ${ms(b.warmMs)} ms`);

  const medianRatio = median(wallRatios);
  console.log(
    [
      '\n### Image moderation summary',
      `load average (1/5/15 min) on ${cores} cores: ${loadBefore} before, ${loadMid} between a and b, ${loadAfter} after`,
      `warm-up (first image, model load): ${ms(a.coldMs)} ms`,
      `per image, local classifier: p50 ${ms(cls.p50)} ms, p95 ${ms(cls.p95)} ms, p99 ${ms(cls.p99)} ms, mean ${ms(cls.mean)} ms`,
      `baseline, sharp decode to raw pixels: p50 ${ms(dec.p50)} ms, p99 ${ms(dec.p99)} ms, mean ${ms(dec.mean)} ms → classification / decode = ${(cls.mean / dec.mean).toFixed(2)}× (mean)`,
      `ingestion end to end, local / off: wall ${medianRatio.toFixed(2)}× (median of ${ROUNDS}), throughput ${(1 / medianRatio).toFixed(2)}×`,
      `moderation cost under load, per image: +${ms(median(extraCpu))} CPU ms, +${ms(median(extraWall))} wall ms per generation; check wall p50 ${ms(loaded.p50)} ms, p99 ${ms(loaded.p99)} ms`,
    ].join('\n'),
  );
}
