/**
 * The in-flight benchmark's users, in a process of their own (as browsers
 * are), so the benchmark's process holds only AnimeGen. Prints `ready`, then
 * for each line `<count> <prompt prefix>` on stdin posts that many generations
 * at once to BENCH_BASE, rotating over the cookies in BENCH_COOKIES (a JSON
 * array), and prints their HTTP statuses as a JSON array.
 */
import { createInterface } from 'node:readline';

const env = process.env;
const cookies = JSON.parse(env.BENCH_COOKIES ?? '[]') as string[];
console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const [count, ...prefix] = line.trim().split(' ');
  const statuses = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const res = await fetch(`${env.BENCH_BASE}/api/generations`, {
        method: 'POST',
        headers: { origin: env.BENCH_ORIGIN ?? '', cookie: cookies[i % cookies.length]!, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: `${prefix.join(' ')} ${i}`, model: 'nano-banana', aspectRatio: '1:1' }),
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  console.log(JSON.stringify(statuses));
}
