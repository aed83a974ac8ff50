/**
 * The KIE simulator in a process of its own, as KIE runs on machines of its
 * own: the in-flight benchmark's process then holds only AnimeGen (its CPU
 * and RSS are ours). Hands out one ready image per aspect ratio (KIE draws on
 * its GPUs, not on our cores), longest side BENCH_RESULT_PX (1024). Prints its
 * URL on the first line of stdout; stops on SIGTERM.
 */
import sharp from 'sharp';
import { renderPlaceholder, startSimulator } from '../src/providers/index.js';

const px = Number(process.env.BENCH_RESULT_PX ?? 1024);
const ready = new Map<string, Promise<Buffer>>();
const draw = async (aspect: string) => {
  const full = await renderPlaceholder('in flight', 1, aspect);
  return px === 1024 ? full : sharp(full).resize(px, px, { fit: 'inside' }).png().toBuffer();
};
const simulator = await startSimulator({
  port: 0,
  host: '127.0.0.1',
  delayMs: Number(process.env.SIM_DELAY_MS ?? 2000),
  apiKey: process.env.SIM_API_KEY,
  render: (_prompt, _seed, aspect) => {
    if (!ready.has(aspect)) ready.set(aspect, draw(aspect));
    return ready.get(aspect)!;
  },
});
simulator.setBehaviour({ rateLimit: false });
console.log(simulator.url);
process.on('SIGTERM', () => {
  void simulator.close().finally(() => process.exit(0));
});
