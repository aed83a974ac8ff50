/**
 * The sign-up proof-of-work (ALTCHA's protocol, solved here with Web Crypto):
 * find the number whose SHA-256 with the salt is the challenge. Loaded only
 * when the server turned the check on, so the public pages carry none of it.
 */
export interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/** The solved challenge as the server reads it: base64 of its JSON with the number found. */
export async function solveChallenge(c: Challenge): Promise<string> {
  if (c.algorithm !== 'SHA-256') throw new Error(`unsupported challenge algorithm ${c.algorithm}`);
  const encoder = new TextEncoder();
  const max = c.maxnumber ?? 1_000_000;
  for (let n = 0; n <= max; n++) {
    if (hex(await crypto.subtle.digest('SHA-256', encoder.encode(c.salt + n))) === c.challenge) {
      return btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature }));
    }
  }
  throw new Error('the sign-up challenge has no solution');
}
