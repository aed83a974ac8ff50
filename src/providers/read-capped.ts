/**
 * Reads a response body into memory, cancelling the download as soon as it
 * passes `maxBytes` (a hostile or broken server must not fill our memory).
 * `tooLarge` builds the error to throw.
 */
export async function readBodyCapped(res: Response, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
