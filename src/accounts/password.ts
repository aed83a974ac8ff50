import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's floor for scrypt (N=2^17, r=8, p=1); Better Auth's own default is below it. */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** Only for the test suite, where hundreds of sign-ups would otherwise take minutes. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

const KEY_LENGTH = 64;
const maxmem = (p: ScryptParams) => 256 * p.N * p.r + 1024 * 1024;

/**
 * Hashes as `$scrypt$N$r$p$salt$hash` (base64url), so verify() reads the cost
 * from the stored hash and old hashes keep working when the cost goes up.
 */
export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...params, maxmem: maxmem(params) });
  return ['', 'scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const [, algo, n, r, p, salt, key] = hash.split('$');
  if (algo !== 'scrypt' || !salt || !key) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    ...params,
    maxmem: maxmem(params),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The parameters recorded in a stored hash (for tests and audits). */
export function hashParams(hash: string): ScryptParams {
  const [, , n, r, p] = hash.split('$');
  return { N: Number(n), r: Number(r), p: Number(p) };
}
