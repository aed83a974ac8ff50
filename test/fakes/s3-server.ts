import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/**
 * The slice of s3rver (a Koa server speaking the S3 REST protocol, with SigV4
 * signature checks and a filesystem store) that the fake uses. The package
 * ships no type declarations, so it is loaded through `require` and typed here.
 */
interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  headers: Record<string, unknown>;
  req: IncomingMessage | Readable;
  get(header: string): string;
  body: unknown;
  type: string;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance {
  middleware: KoaMiddleware[];
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
interface S3rverOptions {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  vhostBuckets: boolean;
  configureBuckets: { name: string }[];
}
interface CanonicalRequest {
  uri: string;
  headers: Record<string, unknown>;
}

const require = createRequire(import.meta.url);
const S3rver = require('@20minutes/s3rver') as new (options: S3rverOptions) => S3rverInstance;
const S3Error = require('@20minutes/s3rver/lib/models/error.js') as new (code: string, message: string) => Error;
const { DUMMY_ACCOUNT } = require('@20minutes/s3rver/lib/models/account.js') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void; revokeAccessKey(id: string): void };
};
const sigV4 = require('@20minutes/s3rver/lib/signature/v4.js') as {
  getStringToSign(request: CanonicalRequest, signature: unknown): string;
  patchedForTrailingSlash?: boolean;
};

/** The path each request was sent to, by its headers object (the one thing s3rver hands to the signer). */
const rawPaths = new WeakMap<object, string>();

// s3rver canonicalises a bucket-level path as `/bucket`, as SDK v2 signed it;
// SDK v3 (like AWS itself) signs the literal path `/bucket/`, so every
// ListObjects and DeleteObjects would fail SigV4. Use the path as sent.
if (!sigV4.patchedForTrailingSlash) {
  const original = sigV4.getStringToSign;
  sigV4.getStringToSign = (request, signature) => {
    const path = rawPaths.get(request.headers);
    const uri = typeof path === 'string' && path.endsWith('/') && !request.uri.endsWith('/') ? `${request.uri}/` : request.uri;
    return original({ ...request, uri }, signature);
  };
  sigV4.patchedForTrailingSlash = true;
}

export interface S3TestServer {
  /** `http://127.0.0.1:<port>`: use with path-style addressing. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The number of keys in each DeleteObjects request received, in order. */
  deleteBatches: number[];
  /** The part number of each UploadPart request received (multipart uploads), in order. */
  uploadedParts: number[];
  /** Keys that DeleteObjects leaves alone and reports with this error code, as a bucket policy or object lock would. */
  deleteErrors: Map<string, string>;
  close(): Promise<void>;
}

/**
 * Starts an S3-compatible server on a random loopback port, backed by a fresh
 * temp folder, with one empty bucket and its own random key pair (requests
 * must be signed with it). It is as strict as the self-hosted servers we
 * support: it rejects the SDK's flexible checksum headers (as Cloudflare R2
 * did), and DeleteObjects without a correct Content-MD5 (as MinIO and Ceph do)
 * or with more than 1,000 keys (as AWS does). `close()` removes everything.
 */
export async function startS3Server(): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'animegen-s3-'));
  const bucket = 'animegen-test';
  const accessKeyId = `TEST${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(20).toString('base64url');
  const deleteBatches: number[] = [];
  const deleteErrors = new Map<string, string>();
  const uploadedParts: number[] = [];
  DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    // Buckets are addressed by path only; a vhost lookup on 127.0.0.1 would be meaningless.
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  // Koa composes its middleware when the server starts, so this runs first.
  server.middleware.unshift(strictness(deleteBatches, deleteErrors, uploadedParts));
  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (error) {
    DUMMY_ACCOUNT.revokeAccessKey(accessKeyId);
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    deleteBatches,
    deleteErrors,
    uploadedParts,
    async close() {
      await server.close();
      DUMMY_ACCOUNT.revokeAccessKey(accessKeyId);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function strictness(deleteBatches: number[], deleteErrors: Map<string, string>, uploadedParts: number[]): KoaMiddleware {
  return async (ctx, next) => {
    rawPaths.set(ctx.headers, ctx.path);
    if (ctx.method === 'PUT' && ctx.query.uploadId) uploadedParts.push(Number(ctx.query.partNumber));
    if (Object.keys(ctx.headers).some((name) => /^x-amz-checksum-(?!mode$)/.test(name))) {
      throw new S3Error('NotImplemented', 'Flexible checksum headers are not implemented');
    }
    if (ctx.method !== 'POST' || !('delete' in ctx.query)) return next();

    const body = await readAll(ctx.req);
    const md5 = ctx.get('content-md5');
    if (!md5) throw new S3Error('InvalidRequest', 'Missing required header for this request: Content-Md5.');
    if (md5 !== createHash('md5').update(body).digest('base64')) {
      throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    const xml = body.toString('utf8');
    const keys = [...xml.matchAll(/<Object>\s*<Key>([^<]*)<\/Key>\s*<\/Object>/g)].map((m) => m[1] ?? '');
    if (keys.length > 1000) throw new S3Error('MalformedXML', 'A DeleteObjects request takes at most 1000 keys.');
    deleteBatches.push(keys.length);
    const refused = keys.filter((key) => deleteErrors.has(key));
    const allowed = keys.filter((key) => !deleteErrors.has(key));
    // s3rver reads the body from ctx.req itself: hand it the keys it may delete
    // (a key that does not exist when nothing may be deleted, as it needs one).
    const objects = (allowed.length > 0 ? allowed : ['.fake-s3-nothing']).map((key) => `<Object><Key>${key}</Key></Object>`);
    ctx.req = Readable.from([Buffer.from(`<Delete>${objects.join('')}</Delete>`)]);
    await next();
    const quiet = /<Quiet>true<\/Quiet>/.test(xml);
    const deleted = quiet ? [] : allowed.map((key) => `<Deleted><Key>${key}</Key></Deleted>`);
    const errors = refused.map((key) => `<Error><Key>${key}</Key><Code>${deleteErrors.get(key)}</Code><Message>refused</Message></Error>`);
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${[...deleted, ...errors].join('')}</DeleteResult>`;
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
