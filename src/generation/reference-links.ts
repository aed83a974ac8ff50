import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to one reference upload, for providers that fetch
 * references by URL when we are publicly reachable. The link names exactly one
 * upload and cannot be turned into another: the signature covers id and expiry.
 */
export interface ReferenceLinkSettings {
  baseUrl: string;
  secret: string;
  ttlSeconds: number;
}

const sign = (secret: string, uploadId: string, expires: number) =>
  createHmac('sha256', secret).update(`reference:${uploadId}:${expires}`).digest('base64url');

export function referenceLink(s: ReferenceLinkSettings, uploadId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + s.ttlSeconds;
  return `${s.baseUrl}/api/files/references/${uploadId}?expires=${expires}&signature=${sign(s.secret, uploadId, expires)}`;
}

/** True when the signature matches and the link has not expired. */
export function verifyReferenceLink(secret: string, uploadId: string, expires: number, signature: string, now: Date): boolean {
  if (!Number.isInteger(expires) || expires < now.getTime() / 1000) return false;
  const expected = Buffer.from(sign(secret, uploadId, expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
