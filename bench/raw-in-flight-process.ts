/**
 * The in-flight benchmark's baseline, in a process of its own: the least any
 * service must do for BENCH_IN_FLIGHT results on this machine, with nothing of
 * AnimeGen. For each, at once: KIE's createTask at SIM_URL with a callback URL
 * (a bare HTTP server here), the callback, one recordInfo (a callback is only a
 * hint), the download, sharp's dimensions and a 512 px WebP thumbnail, original
 * and thumbnail written to BENCH_DIR. No database, accounts, queue, credits or
 * checks. Prints `{ wallMs, cpuMs, peakRss }` as JSON: wall from the first
 * createTask to the last write.
 */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';

const env = process.env;
const count = Number(env.BENCH_IN_FLIGHT ?? 500);
// KIE's CDN answers requests without a User-Agent with an HTML 403 (the simulator too).
const headers = { Authorization: `Bearer ${env.SIM_API_KEY}`, 'Content-Type': 'application/json', 'User-Agent': 'bench' };
const called = new Map<string, () => void>();
const early = new Set<string>(); // a callback that beat its createTask's answer

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    res.end('ok');
    const taskId = (JSON.parse(body) as { data: { taskId: string } }).data.taskId;
    const wake = called.get(taskId);
    if (wake) wake();
    else early.add(taskId);
  });
});
server.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const callBackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;

async function one(i: number): Promise<void> {
  const input = { prompt: `in flight ${i}`, image_size: '1:1', output_format: 'png' };
  const created = await fetch(`${env.SIM_URL}/api/v1/jobs/createTask`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ model: 'google/nano-banana', callBackUrl, input }),
  });
  const { taskId } = ((await created.json()) as { data: { taskId: string } }).data;
  if (!early.has(taskId)) await new Promise<void>((resolve) => called.set(taskId, resolve));
  const info = await fetch(`${env.SIM_URL}/api/v1/jobs/recordInfo?taskId=${taskId}`, { headers });
  const { resultJson } = ((await info.json()) as { data: { resultJson: string } }).data;
  const [url] = (JSON.parse(resultJson) as { resultUrls: string[] }).resultUrls;
  const bytes = Buffer.from(await (await fetch(url!, { headers: { 'User-Agent': 'bench' } })).arrayBuffer());
  const { width, height } = await sharp(bytes).metadata();
  if (!width || !height) throw new Error('no dimensions');
  const thumb = await sharp(bytes).resize(512, 512, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
  await Promise.all([writeFile(join(env.BENCH_DIR!, `${i}.png`), bytes), writeFile(join(env.BENCH_DIR!, `${i}.webp`), thumb)]);
}

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 100);
const [t0, cpu0] = [performance.now(), process.cpuUsage()];
await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
const wallMs = performance.now() - t0;
const { user, system } = process.cpuUsage(cpu0);
clearInterval(sampler);
console.log(JSON.stringify({ wallMs, cpuMs: (user + system) / 1000, peakRss }));
server.close();
process.exit(0);
