import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3TestServer, startS3Server } from '../../test/fakes/s3-server.js';
import { readAll, storageContract } from '../../test/helpers/storage-contract.js';
import { parseStorageUrl } from './location.js';
import { createS3Storage, type S3StorageOptions } from './s3.js';

let s3: S3TestServer;
let inspector: S3Client;
beforeAll(async () => {
  s3 = await startS3Server();
  // A plain SDK client to look at the bucket behind the adapter's back.
  inspector = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});
afterAll(async () => {
  inspector?.destroy();
  await s3?.close();
});

/** An adapter on the test server; each call gets its own prefix, so tests never see each other's objects. */
function givenStorage(overrides: Partial<S3StorageOptions> = {}) {
  const prefix = overrides.prefix ?? `test-${randomUUID()}`;
  const storage = createS3Storage({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
    ...overrides,
    prefix,
  });
  return { storage, prefix };
}

async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await inspector.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key ?? '').sort();
}

storageContract('S3-compatible server', () => givenStorage().storage);

describe('S3 storage against an S3-compatible server', () => {
  it('uploads a file larger than a part in parts, whole, with its content type', async () => {
    const { storage, prefix } = givenStorage({ partBytes: 5 * 2 ** 20 });
    const partsBefore = s3.uploadedParts.length;
    const path = join(mkdtempSync(join(tmpdir(), 's3-parts-')), 'big.zip');
    const bytes = randomBytes(12 * 2 ** 20); // three parts: 5 + 5 + 2 MB
    writeFileSync(path, bytes);
    await storage.putFile('users/u1/exports/e1.zip', path, 'application/zip');
    const head = await inspector.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `${prefix}/users/u1/exports/e1.zip` }));
    expect(head.ContentType).toBe('application/zip');
    expect(head.CacheControl).toBe('private, max-age=31536000, immutable');
    expect(s3.uploadedParts.slice(partsBefore)).toEqual([1, 2, 3]);
    expect((await readAll((await storage.get('users/u1/exports/e1.zip'))!.stream)).equals(bytes)).toBe(true);
  });

  it('stores the content type and a private, year-long, immutable cache-control', async () => {
    const { storage, prefix } = givenStorage();
    await storage.put('users/u1/uploads/b.webp', Buffer.from('RIFF'), 'image/webp');
    const head = await inspector.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `${prefix}/users/u1/uploads/b.webp` }));
    expect(head.ContentType).toBe('image/webp');
    expect(head.CacheControl).toBe('private, max-age=31536000, immutable');
  });

  it('round-trips a PNG byte for byte', async () => {
    const { storage } = givenStorage();
    // Noise makes a PNG that holds every byte value, compressible or not.
    const png = await sharp({
      create: { width: 96, height: 64, channels: 4, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .png()
      .toBuffer();
    await storage.put('users/u1/generations/g1/i1.png', png, 'image/png');
    const object = await storage.get('users/u1/generations/g1/i1.png');
    expect(object?.size).toBe(png.length);
    const bytes = await readAll(object!.stream);
    expect(bytes.equals(png)).toBe(true);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'png', width: 96, height: 64 });
  });

  it('deletes several keys, ignores missing ones and leaves the others', async () => {
    const { storage, prefix } = givenStorage();
    for (const name of ['d1', 'd2', 'keep']) await storage.put(`users/u1/uploads/${name}.png`, Buffer.from(name), 'image/png');
    await storage.delete(['users/u1/uploads/d1.png', 'users/u1/uploads/missing.png', 'users/u1/uploads/d2.png']);
    expect(await keysUnder(`${prefix}/`)).toEqual([`${prefix}/users/u1/uploads/keep.png`]);
  });

  it('deletes in batches of at most 1000 keys, each key once', async () => {
    const { storage, prefix } = givenStorage();
    const keys = Array.from({ length: 1500 }, (_, i) => `users/u1/uploads/k${i}.png`);
    await storage.put(keys[0]!, Buffer.from('first'), 'image/png');
    await storage.put(keys[1499]!, Buffer.from('last'), 'image/png');
    const before = s3.deleteBatches.length;
    await storage.delete([...keys, keys[0]!]);
    expect(s3.deleteBatches.slice(before)).toEqual([1000, 500]);
    expect(await keysUnder(`${prefix}/`)).toEqual([]);
  });

  it('sends no request to delete no keys', async () => {
    const { storage } = givenStorage();
    const before = s3.deleteBatches.length;
    await storage.delete([]);
    expect(s3.deleteBatches.length).toBe(before);
  });

  it('ignores keys the server reports as NoSuchKey', async () => {
    const { storage, prefix } = givenStorage();
    s3.deleteErrors.set(`${prefix}/users/u1/uploads/gone.png`, 'NoSuchKey');
    await expect(storage.delete(['users/u1/uploads/gone.png', 'users/u1/uploads/other.png'])).resolves.toBeUndefined();
  });

  it('throws and logs the keys when the server refuses to delete some', async () => {
    const warnings: unknown[] = [];
    const { storage, prefix } = givenStorage({ log: { warn: (details) => warnings.push(details) } });
    await storage.put('users/u1/uploads/locked.png', Buffer.from('l'), 'image/png');
    await storage.put('users/u1/uploads/free.png', Buffer.from('f'), 'image/png');
    s3.deleteErrors.set(`${prefix}/users/u1/uploads/locked.png`, 'AccessDenied');
    await expect(storage.delete(['users/u1/uploads/locked.png', 'users/u1/uploads/free.png'])).rejects.toThrow(
      /failed for 1 of 2 keys.*locked\.png: AccessDenied/,
    );
    expect(warnings).toEqual([{ bucket: s3.bucket, failed: [{ key: `${prefix}/users/u1/uploads/locked.png`, code: 'AccessDenied' }] }]);
    expect(await keysUnder(`${prefix}/`)).toEqual([`${prefix}/users/u1/uploads/locked.png`]);
  });

  it('stores keys under the prefix, with no leading or doubled slashes', async () => {
    const id = randomUUID();
    const { storage } = givenStorage({ prefix: `/nested//${id}/` });
    await storage.put('users/u1/uploads/e.png', Buffer.from('e'), 'image/png');
    expect(await keysUnder(`nested/${id}`)).toEqual([`nested/${id}/users/u1/uploads/e.png`]);
  });

  it('stores keys at the bucket root when the prefix is empty', async () => {
    const id = randomUUID();
    const { storage } = givenStorage({ prefix: '' });
    await storage.put(`users/${id}/uploads/f.png`, Buffer.from('f'), 'image/png');
    expect(await keysUnder(`users/${id}/`)).toEqual([`users/${id}/uploads/f.png`]);
  });

  it('refuses keys that could leave the prefix or double a slash', async () => {
    const { storage } = givenStorage();
    for (const key of ['', '/users/u1/a.png', '../a.png', 'users/../../a.png', 'users//a.png', 'users/u1/']) {
      await expect(storage.put(key, Buffer.from('x'), 'image/png'), key).rejects.toThrow(/unsafe storage key/);
    }
    expect(() => givenStorage({ prefix: 'a/../b' })).toThrow(/unsafe storage prefix/);
  });

  it('lets errors other than not-found propagate', async () => {
    const { storage: wrongSecret } = givenStorage({ secretAccessKey: 'not-the-secret' });
    await expect(wrongSecret.get('users/u1/uploads/a.png')).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(wrongSecret.exists('users/u1/uploads/a.png')).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await expect(wrongSecret.put('users/u1/uploads/a.png', Buffer.from('x'), 'image/png')).rejects.toThrow();
    await expect(wrongSecret.delete(['users/u1/uploads/a.png'])).rejects.toThrow();
    const { storage: noBucket } = givenStorage({ bucket: 'no-such-bucket' });
    await expect(noBucket.get('users/u1/uploads/a.png')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('refuses half a key pair without repeating the half it got', () => {
    expect(() => givenStorage({ secretAccessKey: undefined })).toThrow(/both an access key id and a secret access key/);
    expect(() => givenStorage({ secretAccessKey: undefined })).not.toThrow(s3.accessKeyId);
  });
});

describe('parseStorageUrl', () => {
  it('reads a bucket and a prefix from an s3 URL', () => {
    expect(parseStorageUrl('s3://animegen-files/prod/images')).toEqual({ kind: 's3', bucket: 'animegen-files', prefix: 'prod/images' });
  });

  it('reads an s3 URL without a prefix, and trims stray slashes from the prefix', () => {
    expect(parseStorageUrl('s3://animegen-files')).toEqual({ kind: 's3', bucket: 'animegen-files', prefix: '' });
    expect(parseStorageUrl('s3://animegen-files/')).toEqual({ kind: 's3', bucket: 'animegen-files', prefix: '' });
    expect(parseStorageUrl('s3://animegen-files//a//b/')).toEqual({ kind: 's3', bucket: 'animegen-files', prefix: 'a/b' });
  });

  it('reads a file URL and a plain path as a local folder', () => {
    expect(parseStorageUrl('file:///var/lib/animegen/files')).toEqual({ kind: 'local', path: '/var/lib/animegen/files' });
    expect(parseStorageUrl('file:///srv/my%20files')).toEqual({ kind: 'local', path: '/srv/my files' });
    expect(parseStorageUrl('/var/lib/animegen/files')).toEqual({ kind: 'local', path: '/var/lib/animegen/files' });
    expect(parseStorageUrl('./data/files')).toEqual({ kind: 'local', path: './data/files' });
  });

  it.each([
    ['', /empty/],
    ['https://example.com/bucket', /unsupported storage URL scheme "https:"/],
    ['gs://bucket/prefix', /unsupported storage URL scheme "gs:"/],
    ['s3://', /bucket name/],
    ['s3:bucket/prefix', /must start with s3:\/\//],
    ['s3://Bad_Bucket/prefix', /bucket name/],
    ['s3://animegen-files/../etc', /prefix/],
    ['s3://animegen-files/a b', /prefix/],
    ['s3://animegen-files/prefix?region=eu', /no credentials, query or fragment/],
    ['file:relative/path', /must start with file:\/\//],
    ['file://otherhost/path', /not a valid file URL/],
  ])('rejects %j with a clear error', (url, message) => {
    expect(() => parseStorageUrl(url)).toThrow(message);
  });

  it('never repeats credentials written into an s3 URL', () => {
    expect(() => parseStorageUrl('s3://AKIDEXAMPLE:hunter2@animegen-files/prefix')).toThrow(/no credentials/);
    expect(() => parseStorageUrl('s3://AKIDEXAMPLE:hunter2@animegen-files/prefix')).not.toThrow(/hunter2/);
  });
});
