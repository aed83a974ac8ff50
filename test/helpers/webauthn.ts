import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * A software passkey for HTTP tests: what a platform authenticator and the
 * browser together send (WebAuthn Level 2 JSON, as @simplewebauthn/browser
 * posts it), with an ES256 key made here, "none" attestation and user
 * verification. Browser tests use Chromium's virtual authenticator instead.
 */
export interface SoftPasskey {
  /** base64url credential id. */
  id: string;
  /** The registration response for `options` (GET /passkey/generate-register-options) from `origin`. */
  register(options: { challenge: string; rp: { id: string }; user: { id: string } }, origin: string): Record<string, unknown>;
  /** An assertion for `options` (GET /passkey/generate-authenticate-options) from `origin`. */
  assert(options: { challenge: string; rpId: string }, origin: string): Record<string, unknown>;
}

const b64url = (b: Buffer) => b.toString('base64url');
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

export function createSoftPasskey(): SoftPasskey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const credentialId = randomBytes(16);
  const key: KeyObject = createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const jwk = publicKey.export({ format: 'jwk' });
  let counter = 0;
  let userHandle = '';

  const clientData = (type: string, challenge: string, origin: string) =>
    Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  const authData = (rpId: string, flags: number, extra: Buffer = Buffer.alloc(0)) => {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, extra]);
  };

  return {
    id: b64url(credentialId),
    register(options, origin) {
      userHandle = options.user.id;
      // COSE_Key: kty EC2, alg ES256, crv P-256, x, y.
      const cose = cbor(
        new Map<number, CborValue>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x ?? '', 'base64url')],
          [-3, Buffer.from(jwk.y ?? '', 'base64url')],
        ]),
      );
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, credentialId, cose]);
      // Flags: user present, user verified, attested credential data; backup eligible and state (a synced passkey).
      const data = authData(options.rp.id, 0x01 | 0x04 | 0x08 | 0x10 | 0x40, attested);
      const attestationObject = cbor(
        new Map<string, CborValue>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, CborValue>()],
          ['authData', data],
        ]),
      );
      return {
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: 'public-key',
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: b64url(clientData('webauthn.create', options.challenge, origin)),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
      };
    },
    assert(options, origin) {
      counter += 1;
      const client = clientData('webauthn.get', options.challenge, origin);
      const data = authData(options.rpId, 0x01 | 0x04 | 0x08 | 0x10);
      const signature = sign('sha256', Buffer.concat([data, sha256(client)]), key);
      return {
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: 'public-key',
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: b64url(client),
          authenticatorData: b64url(data),
          signature: b64url(signature),
          userHandle,
        },
      };
    },
  };
}

type CborValue = number | string | Buffer | Map<number | string, CborValue>;

/** The little CBOR WebAuthn needs: integers, byte and text strings, maps. */
function cbor(value: CborValue): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const text = Buffer.from(value);
    return Buffer.concat([head(3, text.length), text]);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}
