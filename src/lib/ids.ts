import { randomBytes, randomUUID } from 'node:crypto';

/** A random UUIDv4, the primary key of every row we create. */
export const newId = (): string => randomUUID();

/** An unguessable URL-safe token with `bytes` bytes of entropy. */
export const newToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');
