import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { defaultNsfwThresholds, type NsfwScores, type NsfwThresholds, nsfwVerdict } from './nsfw-verdict.js';
import { nsfwWorkerSource } from './nsfwjs-worker-source.js';
import { ImageModerationUnavailable, type ImageModerator } from './types.js';

/** MobileNetV2 takes 224×224 pixels. */
const SIZE = 224;

export interface LocalModeratorOptions {
  thresholds?: NsfwThresholds;
  /** An answer slower than this is no answer: the image is held (fail closed). */
  timeoutMs?: number;
}

/**
 * The default image check: NSFWJS's MobileNetV2 model, which ships inside its
 * npm package, on TensorFlow.js's WebAssembly backend (its .wasm files come
 * from node_modules): no service, no download, no native build. One
 * classification takes ~250 ms of CPU on one core (bench/pipeline.ts), too
 * long for the event loop, so it runs on its own thread, started (and the
 * model loaded, ~2 s) on the first image. Pixels are decoded here with sharp
 * (libvips' own threads) and handed over.
 */
export function createLocalImageModerator(options: LocalModeratorOptions = {}): ImageModerator & { warm(): Promise<void> } {
  const thresholds = options.thresholds ?? defaultNsfwThresholds;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (s: NsfwScores) => void; reject: (e: Error) => void }>();

  function start(): Worker {
    if (worker) return worker;
    const require = createRequire(import.meta.url);
    const wasmPackage = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
    const w = new Worker(nsfwWorkerSource, {
      eval: true,
      workerData: {
        tfjs: require.resolve('@tensorflow/tfjs'),
        wasm: require.resolve('@tensorflow/tfjs-backend-wasm'),
        wasmDir: `${join(dirname(wasmPackage), 'dist')}/`,
        nsfwjs: require.resolve('nsfwjs'),
        model: 'MobileNetV2',
      },
    });
    // A thread waiting for work must not keep the process alive.
    w.unref();
    w.on('message', (m: { id: number; scores?: NsfwScores; error?: string }) => {
      const waiter = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error !== undefined) waiter?.reject(new ImageModerationUnavailable(`local classifier: ${m.error}`));
      else waiter?.resolve(m.scores as NsfwScores);
    });
    const fail = (err: Error) => {
      for (const w of waiting.values()) w.reject(new ImageModerationUnavailable(`local classifier stopped: ${err.message}`));
      waiting.clear();
      worker = null;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`exit ${code}`)));
    worker = w;
    return w;
  }

  function ask(message: { warm?: true; pixels?: ArrayBuffer }): Promise<NsfwScores> {
    const w = start();
    const id = nextId++;
    return new Promise<NsfwScores>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new ImageModerationUnavailable(`local classifier: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, {
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      w.postMessage({ id, size: SIZE, ...message }, message.pixels ? [message.pixels] : []);
    });
  }

  return {
    name: 'local (NSFWJS MobileNetV2, WebAssembly)',
    /** Starts the thread and loads the model now rather than on the first image. */
    warm: async () => {
      await ask({ warm: true });
    },
    classify: async (image) => {
      const pixels = await sharp(image, { failOn: 'none' })
        .resize(SIZE, SIZE, { fit: 'fill' })
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer()
        .catch((err: Error) => {
          throw new ImageModerationUnavailable(`could not decode the image: ${err.message}`);
        });
      const copy = pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength) as ArrayBuffer;
      return nsfwVerdict(await ask({ pixels: copy }), thresholds);
    },
    close: async () => {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
