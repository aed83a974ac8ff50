import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

interface Target {
  Bucket: string;
  Key: string;
  ContentType: string;
  CacheControl: string;
}

/**
 * A file on local disk into one object without reading it whole into memory:
 * one streamed PutObject up to `partBytes`, a multipart upload of parts that
 * size beyond (S3 takes at most 5 GB in one PutObject, and a failed part is
 * retried alone). A multipart upload that fails is aborted, so the bucket keeps
 * no hidden parts that cost storage.
 */
export async function uploadFile(client: S3Client, target: Target, path: string, partBytes: number): Promise<void> {
  const { size } = await stat(path);
  if (size <= partBytes) {
    await client.send(new PutObjectCommand({ ...target, Body: createReadStream(path), ContentLength: size }));
    return;
  }
  const { UploadId } = await client.send(new CreateMultipartUploadCommand(target));
  const { Bucket, Key } = target;
  const file = await open(path, 'r');
  try {
    const parts: { ETag?: string; PartNumber: number }[] = [];
    const part = Buffer.alloc(partBytes);
    for (let offset = 0, PartNumber = 1; offset < size; offset += partBytes, PartNumber++) {
      const { bytesRead } = await file.read(part, 0, Math.min(partBytes, size - offset), offset);
      const Body = part.subarray(0, bytesRead);
      const { ETag } = await client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body, ContentLength: bytesRead }));
      parts.push({ ETag, PartNumber });
    }
    await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
  } catch (error) {
    await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => {});
    throw error;
  } finally {
    await file.close();
  }
}
