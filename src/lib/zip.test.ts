import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createZipFile, zipStream } from './zip.js';

const scratch = () => join(mkdtempSync(join(tmpdir(), 'zip-test-')), 'x.zip');
const unzip = (...args: string[]) => execFileSync('unzip', args, { encoding: 'utf8' });

describe('createZipFile', () => {
  const binary = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256));

  async function sample(path: string, forceZip64 = false) {
    const zip = await createZipFile(path, { forceZip64 });
    await zip.add('README.txt', Buffer.from('hello\n'.repeat(100)));
    await zip.add('data/profile.json', Buffer.from(JSON.stringify({ name: 'さくら' })));
    // Streamed in uneven chunks, as a storage stream delivers them.
    const chunks = [binary.subarray(0, 1000), binary.subarray(1000, 250_000), binary.subarray(250_000)];
    await zip.addStream('images/a.png', Readable.from(chunks), binary.length);
    return zip.close();
  }

  it('writes an archive that unzip verifies and reads back byte for byte', async () => {
    const file = scratch();
    const size = await sample(file);
    expect(statSync(file).size).toBe(size);
    expect(unzip('-t', file)).toContain('No errors detected');
    expect(unzip('-p', file, 'data/profile.json')).toBe('{"name":"さくら"}');
    expect(execFileSync('unzip', ['-p', file, 'images/a.png']).equals(binary)).toBe(true);
  });

  it("writes an archive Python's zipfile verifies and reads back", async () => {
    const file = scratch();
    await sample(file);
    const read =
      'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(z.read("data/profile.json").decode())';
    expect(execFileSync('python3', ['-c', read, file], { encoding: 'utf8' })).toBe('{"name":"さくら"}\n');
  });

  it('writes the ZIP64 records readers need past 4 GB, and they read them', async () => {
    const file = scratch();
    await sample(file, true);
    expect(unzip('-t', file)).toContain('No errors detected');
    expect(unzip('-Zv', file)).toContain('PKWARE 64-bit sizes');
    expect(execFileSync('unzip', ['-p', file, 'images/a.png']).equals(binary)).toBe(true);
  });

  it('holds more than 65,535 entries (a ZIP64 count)', async () => {
    const file = scratch();
    const zip = await createZipFile(file);
    for (let i = 0; i < 66_000; i++) await zip.add(`n/${i}.txt`, Buffer.from(String(i)), { store: true });
    await zip.close();
    expect(unzip('-Zt', file)).toMatch(/^66000 files/);
    expect(unzip('-p', file, 'n/65999.txt')).toBe('65999');
  });

  it('refuses a stream that ends short of its announced size', async () => {
    const zip = await createZipFile(scratch());
    await expect(zip.addStream('images/short.png', Readable.from([Buffer.from('abc')]), 10)).rejects.toThrow('expected 10 bytes, read 3');
    await zip.abort();
  });
});

describe('zipStream', () => {
  const binary = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 256));
  async function* entries() {
    yield { name: 'a.png', source: Readable.from([binary.subarray(0, 70_000), binary.subarray(70_000)]), size: binary.length };
    yield { name: 'さくら.webp', source: Readable.from([Buffer.from('webp')]), size: 4 };
  }

  it('streams an archive (data descriptors) that unzip and Python verify and read back', async () => {
    const file = scratch();
    await writeFile(file, Readable.from(zipStream(entries())));
    expect(unzip('-t', file)).toContain('No errors detected');
    expect(execFileSync('unzip', ['-p', file, 'a.png']).equals(binary)).toBe(true);
    const read = 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(z.namelist())';
    expect(execFileSync('python3', ['-c', read, file], { encoding: 'utf8' })).toBe("['a.png', 'さくら.webp']\n");
  });

  it('closes the open source and asks for no further entry when the reader stops (a closed connection)', async () => {
    const open = new Readable({ read() {} });
    open.push(Buffer.alloc(1000));
    let asked = 0;
    async function* lazy() {
      asked++;
      yield { name: 'open.png', source: open, size: 5000 };
      asked++;
      yield { name: 'never.png', source: Readable.from([Buffer.from('x')]), size: 1 };
    }
    const reader = Readable.from(zipStream(lazy()));
    for await (const _ of reader) break;
    await new Promise((r) => setImmediate(r));
    expect(open.destroyed).toBe(true);
    expect(asked).toBe(1);
  });

  it('an empty list is an empty archive', async () => {
    const file = scratch();
    await writeFile(file, Readable.from(zipStream((async function* () {})())));
    expect(statSync(file).size).toBe(22);
  });

  it('fails when a source yields other than its size', async () => {
    async function* short() {
      yield { name: 'x.png', source: Readable.from([Buffer.from('abc')]), size: 10 };
    }
    await expect(writeFile(scratch(), Readable.from(zipStream(short())))).rejects.toThrow('expected 10 bytes, read 3');
  });
});
