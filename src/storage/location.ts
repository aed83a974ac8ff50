import { fileURLToPath } from 'node:url';

export type StorageLocation = { kind: 'local'; path: string } | { kind: 's3'; bucket: string; prefix: string };

/** S3's bucket naming rules (lowercase, 3–63 characters, no leading or trailing dot or hyphen). */
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const prefixSegmentPattern = /^[A-Za-z0-9._-]+$/;
const supported = 'expected s3://bucket[/prefix], file:///absolute/path or a plain path';

/**
 * Reads a storage setting: `s3://bucket/optional/prefix`, `file:///abs/path`
 * or a plain path (returned as given; the caller resolves it). Pure; throws an
 * Error naming the problem. Messages never repeat the URL, which could carry a secret.
 */
export function parseStorageUrl(url: string): StorageLocation {
  const value = url.trim();
  if (value === '') throw new Error(`storage URL is empty: ${supported}`);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
  // A one-letter "scheme" is a Windows drive (C:\data), i.e. a plain path.
  if (scheme === undefined || scheme.length === 1) return { kind: 'local', path: value };
  if (scheme === 'file') return { kind: 'local', path: parseFileUrl(value) };
  if (scheme === 's3') return parseS3Url(value);
  throw new Error(`unsupported storage URL scheme "${scheme}:": ${supported}`);
}

function parseFileUrl(value: string): string {
  if (!/^file:\/\//i.test(value)) throw new Error(`storage URL: a file URL must start with file:// (${supported})`);
  try {
    return fileURLToPath(value);
  } catch {
    throw new Error(`storage URL: not a valid file URL of a local absolute path (${supported})`);
  }
}

function parseS3Url(value: string): StorageLocation {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/i.exec(value);
  if (!match) throw new Error(`storage URL: an S3 URL must start with s3:// (${supported})`);
  const [, bucket = '', path = ''] = match;
  if (/[@?#]/.test(value)) {
    throw new Error('storage URL: an S3 URL takes no credentials, query or fragment; configure credentials separately');
  }
  if (!bucketPattern.test(bucket)) {
    throw new Error('storage URL: the S3 bucket name must be 3–63 lowercase letters, digits, dots or hyphens');
  }
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => !prefixSegmentPattern.test(s) || s === '.' || s === '..')) {
    throw new Error("storage URL: each part of the S3 prefix may hold only letters, digits, '.', '_' and '-' (not '.' or '..')");
  }
  return { kind: 's3', bucket, prefix: segments.join('/') };
}
