/**
 * The in-flight benchmark's users, in a process of their own (as browsers
 * are), so the benchmark's process holds only AnimeGen. Prints `ready`, waits
 * for a line on stdin, then posts BENCH_SUBMIT_COUNT generations at once to
 * BENCH_BASE, rotating over the cookies in BENCH_COOKIES (a JSON array), and
 * prints their HTTP statuses as a JSON array.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const env = process.env;
const cookies = JSON.parse(env.BENCH_COOKIES ?? '[]') as string[];
const count = Number(env.BENCH_SUBMIT_COUNT ?? 0);
console.log('ready');
await once(createInterface({ input: process.stdin }), 'line');
const statuses = await Promise.all(
  Array.from({ length: count }, async (_, i) => {
    const res = await fetch(`${env.BENCH_BASE}/api/generations`, {
      method: 'POST',
      headers: { origin: env.BENCH_ORIGIN ?? '', cookie: cookies[i % cookies.length]!, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: `in flight ${i}`, model: 'nano-banana', aspectRatio: '1:1' }),
    });
    await res.arrayBuffer();
    return res.status;
  }),
);
console.log(JSON.stringify(statuses));
process.exit(0);
