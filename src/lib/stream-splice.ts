import { Readable } from 'node:stream';

/**
 * Reading the first bytes of a stored file, then sending it on with bytes put
 * before, in place of or after what was read: how metadata is added to a file
 * as it streams out, without holding the file in memory.
 */

/** The first `n` bytes of `source` (fewer when it is shorter) and an iterator over the rest. */
export async function readHead(source: Readable, n: number): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> {
  const rest = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (head.length < n) {
    const next = await rest.next();
    if (next.done) break;
    head = Buffer.concat([head, Buffer.from(next.value)]);
  }
  return { head, rest };
}

/** `before`, then the rest of the source, then `after`, as one byte stream. A stream closed early (a cut download) closes the source too. */
export function spliceStream(before: Buffer[], rest: AsyncIterator<Buffer>, after: Buffer[] = []): Readable {
  async function* out() {
    for (const b of before) if (b.length) yield b;
    for (;;) {
      const next = await rest.next();
      if (next.done) break;
      yield next.value;
    }
    yield* after;
  }
  const stream = Readable.from(out(), { objectMode: false });
  stream.once('close', () => void rest.return?.());
  return stream;
}
