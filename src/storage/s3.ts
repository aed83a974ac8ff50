import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { uploadFile } from './s3-upload.js';
import type { Storage } from './types.js';

export interface S3StorageOptions {
  bucket: string;
  /** Folder inside the bucket for every key (`''` for the bucket root); slashes at either end are ignored. */
  prefix: string;
  /** Set for S3-compatible servers (MinIO, Ceph, R2, Garage…); unset means AWS itself. */
  endpoint?: string;
  region: string;
  /** Both or neither; neither means the SDK's default chain (environment, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `bucket` in the path instead of the host name: most self-hosted servers need it. */
  forcePathStyle: boolean;
  /** putFile sends files larger than this in parts of this size (default 64 MB; S3's smallest part is 5 MB). */
  partBytes?: number;
  log?: { warn(details: Record<string, unknown>, message: string): void };
}

/** S3 caps one DeleteObjects request at 1,000 keys. */
const deleteBatchSize = 1000;
/** Object names never change content (new content gets a new id), so caches may keep them for a year. */
const cacheControl = 'private, max-age=31536000, immutable';

/**
 * Objects in an S3 bucket (AWS or an S3-compatible server), all under
 * `prefix/`. Every method is idempotent; errors other than "no such object"
 * propagate as the SDK's errors.
 */
export function createS3Storage(options: S3StorageOptions): Storage {
  const { bucket, log } = options;
  const prefix = normalisePrefix(options.prefix);
  const client = createClient(options);
  const keyOf = (key: string) => {
    // Keys come from keys.ts; this guards the bucket layout against a bad caller.
    if (key === '' || key.startsWith('/') || key.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      throw new Error(`unsafe storage key: ${JSON.stringify(key)}`);
    }
    return prefix ? `${prefix}/${key}` : key;
  };

  return {
    async put(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: keyOf(key),
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: contentType,
          CacheControl: cacheControl,
        }),
      );
    },

    async putFile(key, path, contentType) {
      const target = { Bucket: bucket, Key: keyOf(key), ContentType: contentType, CacheControl: cacheControl };
      await uploadFile(client, target, path, options.partBytes ?? 64 * 2 ** 20);
    },

    async get(key) {
      let output: GetObjectCommandOutput;
      try {
        output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
      } catch (error) {
        if (isMissingObject(error)) return null;
        throw error;
      }
      const body = output.Body;
      // In Node the SDK returns the HTTP response itself, an IncomingMessage.
      if (!(body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
      if (output.ContentLength === undefined) {
        body.destroy();
        throw new Error('S3 GetObject returned no Content-Length');
      }
      return { stream: body, size: output.ContentLength };
    },

    async delete(keys) {
      const unique = [...new Set(keys.map(keyOf))];
      const failures: { key: string; code: string }[] = [];
      // One batch after another: deletes are rare and this keeps the load on the server flat.
      for (let i = 0; i < unique.length; i += deleteBatchSize) {
        const batch = unique.slice(i, i + deleteBatchSize);
        const result = await client.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        );
        for (const error of result.Errors ?? []) {
          // S3 reports a missing key as deleted; some compatible servers report NoSuchKey instead.
          if (error.Code === 'NoSuchKey') continue;
          failures.push({ key: error.Key ?? '?', code: error.Code ?? 'Unknown' });
        }
      }
      if (failures.length > 0) {
        // The error message stays short; the log line carries every failed key for the operator.
        log?.warn({ bucket, failed: failures }, 'S3 DeleteObjects could not delete some objects');
        const first = failures[0]!;
        throw new Error(`S3 DeleteObjects failed for ${failures.length} of ${unique.length} keys (first: ${first.key}: ${first.code})`);
      }
    },

    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
        return true;
      } catch (error) {
        if (isMissingObject(error)) return false;
        throw error;
      }
    },
  };
}

function createClient(options: S3StorageOptions): S3Client {
  const { accessKeyId, secretAccessKey, endpoint } = options;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    // Says which one is missing, never the value of the other.
    throw new Error('S3 storage needs both an access key id and a secret access key, or neither');
  }
  const client = new S3Client({
    region: options.region,
    endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    // The SDK waits forever by default; a stalled server must fail the job so it can retry.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    // Since v3.729 the SDK adds CRC32 checksum headers to every upload and asks
    // for checksums on downloads. Several S3-compatible servers reject those
    // headers (Cloudflare R2 answered 501 NotImplemented, older MinIO and Ceph
    // fail too), so against a custom endpoint we send checksums only where the
    // API demands one. Uploads stay protected: SigV4 signs the body's SHA-256.
    ...(endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  });
  if (endpoint) addContentMd5ToDeleteObjects(client);
  return client;
}

/**
 * DeleteObjects is the one call where the API demands a checksum, and the SDK
 * now sends CRC32 there even with WHEN_REQUIRED. MinIO, Ceph and others insist
 * on the Content-MD5 header the S3 spec names, so we send that instead (the
 * fallback the SDK's own documentation describes).
 */
function addContentMd5ToDeleteObjects(client: S3Client) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      if (context.commandName === 'DeleteObjectsCommand' && request.headers && typeof request.body === 'string') {
        for (const name of Object.keys(request.headers)) {
          if (/^x-amz-(sdk-)?checksum-/i.test(name)) delete request.headers[name];
        }
        request.headers['content-md5'] = createHash('md5').update(request.body).digest('base64');
      }
      return next(args);
    },
    // Last in the build step: after the SDK has added its checksum headers, before signing.
    { step: 'build', priority: 'low', name: 'contentMd5ForDeleteObjects' },
  );
}

/** "No such object": NoSuchKey from GET, a bare 404 from HEAD. A missing bucket is a configuration error and propagates. */
function isMissingObject(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'NoSuchKey' || error.name === 'NotFound') return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404 && error.name !== 'NoSuchBucket';
}

function normalisePrefix(prefix: string): string {
  const segments = prefix.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) throw new Error(`unsafe storage prefix: ${JSON.stringify(prefix)}`);
  return segments.join('/');
}
