import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { startS3Server } from './s3-server.js';

const mode = process.argv[2] as 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';
const s = await startS3Server();
const c = new S3Client({
  endpoint: s.endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  requestChecksumCalculation: mode,
  responseChecksumValidation: mode,
});
const step = async (name: string, f: () => Promise<unknown>) => {
  try {
    const r = await f();
    console.log(name, 'OK', JSON.stringify(r)?.slice(0, 300));
  } catch (e: any) {
    console.log(name, 'FAIL', e.name, e.message, e.$metadata?.httpStatusCode);
  }
};
await step('put', () =>
  c.send(
    new PutObjectCommand({
      Bucket: s.bucket,
      Key: 'p/a.txt',
      Body: Buffer.from('hello'),
      ContentType: 'text/plain',
      CacheControl: 'private, max-age=31536000, immutable',
    }),
  ),
);
await step('head', async () => {
  const r = await c.send(new HeadObjectCommand({ Bucket: s.bucket, Key: 'p/a.txt' }));
  return [r.ContentType, r.CacheControl, r.ContentLength];
});
await step('get', async () => {
  const r = await c.send(new GetObjectCommand({ Bucket: s.bucket, Key: 'p/a.txt' }));
  return [await r.Body?.transformToString(), r.ContentLength, r.Body?.constructor.name];
});
await step('getmissing', () => c.send(new GetObjectCommand({ Bucket: s.bucket, Key: 'p/zzz' })));
await step('headmissing', () => c.send(new HeadObjectCommand({ Bucket: s.bucket, Key: 'p/zzz' })));
await step('delete', () =>
  c.send(new DeleteObjectsCommand({ Bucket: s.bucket, Delete: { Objects: [{ Key: 'p/a.txt' }, { Key: 'p/missing' }], Quiet: true } })),
);
await step('list', () => c.send(new ListObjectsV2Command({ Bucket: s.bucket })));
const bad = new S3Client({
  endpoint: s.endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: s.accessKeyId, secretAccessKey: 'wrong' },
});
await step('badsig', () => bad.send(new HeadObjectCommand({ Bucket: s.bucket, Key: 'p/a.txt' })));
await step('nobucket', () => c.send(new GetObjectCommand({ Bucket: 'nope', Key: 'p/a.txt' })));
await s.close();
