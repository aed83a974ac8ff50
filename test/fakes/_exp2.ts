import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startS3Server } from './s3-server.js';

const s = await startS3Server();
const c = new S3Client({
  endpoint: s.endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
c.middlewareStack.add(
  (next) => async (args: any) => {
    console.log(args.request.method, args.request.path, JSON.stringify(args.request.query), JSON.stringify(args.request.headers));
    return next(args);
  },
  { step: 'finalizeRequest', priority: 'low' } as any,
);
for (const cmd of [
  new DeleteObjectsCommand({ Bucket: s.bucket, Delete: { Objects: [{ Key: 'p/a.txt' }], Quiet: true } }),
  new ListObjectsV2Command({ Bucket: s.bucket }),
]) {
  try {
    await c.send(cmd as any);
  } catch (e: any) {
    console.log(e.name, JSON.stringify(e.StringToSign ?? Object.keys(e)));
  }
}
await s.close();
