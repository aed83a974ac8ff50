import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/index.js';

/** A stored object's bytes, whole. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * What every Storage adapter promises the use cases, run against each one
 * (src/storage/local.test.ts, src/storage/s3.test.ts). `fresh` gives an
 * adapter over an empty place of its own.
 */
export function storageContract(name: string, fresh: () => Promise<Storage> | Storage): void {
  describe(`${name}: the storage contract`, () => {
    it('gives back the bytes and size that put stored, every byte value intact', async () => {
      const storage = await fresh();
      const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(70_000)]);
      await storage.put('users/u1/images/g1/0.png', bytes, 'image/png');
      const file = await storage.get('users/u1/images/g1/0.png');
      expect(file?.size).toBe(bytes.length);
      expect((await readAll(file!.stream)).equals(bytes)).toBe(true);
    });

    it('overwrites a key that is put again (a re-run replaces, never duplicates)', async () => {
      const storage = await fresh();
      await storage.put('users/u1/images/g1/0.png', Buffer.from('first attempt'), 'image/png');
      await storage.put('users/u1/images/g1/0.png', Buffer.from('second'), 'image/png');
      const file = await storage.get('users/u1/images/g1/0.png');
      expect((await readAll(file!.stream)).toString()).toBe('second');
      expect(file!.size).toBe(6);
    });

    it('answers null and false for a key never stored', async () => {
      const storage = await fresh();
      expect(await storage.get('users/u1/uploads/missing.png')).toBeNull();
      expect(await storage.exists('users/u1/uploads/missing.png')).toBe(false);
    });

    it('says a stored key exists', async () => {
      const storage = await fresh();
      await storage.put('users/u1/uploads/a.webp', Buffer.from('RIFF'), 'image/webp');
      expect(await storage.exists('users/u1/uploads/a.webp')).toBe(true);
    });

    it('deletes the keys given, ignores missing ones and leaves the others', async () => {
      const storage = await fresh();
      for (const k of ['a', 'b', 'c']) await storage.put(`users/u1/uploads/${k}.png`, Buffer.from(k), 'image/png');
      await storage.delete(['users/u1/uploads/a.png', 'users/u1/uploads/b.png', 'users/u1/uploads/never.png']);
      expect(await storage.exists('users/u1/uploads/a.png')).toBe(false);
      expect(await storage.exists('users/u1/uploads/b.png')).toBe(false);
      expect(await storage.exists('users/u1/uploads/c.png')).toBe(true);
      await storage.delete([]);
      expect(await storage.exists('users/u1/uploads/c.png')).toBe(true);
    });

    it('stores a file from disk byte for byte, and putFile again replaces it', async () => {
      const storage = await fresh();
      const dir = mkdtempSync(join(tmpdir(), 'storage-contract-'));
      const bytes = randomBytes(3 * 2 ** 20);
      writeFileSync(join(dir, 'a.zip'), bytes);
      writeFileSync(join(dir, 'b.zip'), 'small');
      await storage.putFile('users/u1/exports/e1.zip', join(dir, 'a.zip'), 'application/zip');
      const file = await storage.get('users/u1/exports/e1.zip');
      expect(file?.size).toBe(bytes.length);
      expect((await readAll(file!.stream)).equals(bytes)).toBe(true);
      await storage.putFile('users/u1/exports/e1.zip', join(dir, 'b.zip'), 'application/zip');
      expect((await readAll((await storage.get('users/u1/exports/e1.zip'))!.stream)).toString()).toBe('small');
    });

    it('refuses a key that climbs out of its place, and writes nothing', async () => {
      const storage = await fresh();
      await expect(storage.put('../outside.png', Buffer.from('x'), 'image/png')).rejects.toThrow();
      await expect(storage.put('users/../../outside.png', Buffer.from('x'), 'image/png')).rejects.toThrow();
      await expect(storage.get('../outside.png')).rejects.toThrow();
    });
  });
}
