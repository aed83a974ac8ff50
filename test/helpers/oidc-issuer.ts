import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account } from 'oidc-provider';
import type { Browser } from './browser.js';

/** The claims a test gives one of the issuer's accounts. */
export interface IssuerAccount {
  email: string;
  email_verified: boolean;
  name?: string;
}

export interface OidcIssuer {
  /** `http://127.0.0.1:<port>`: what OIDC_ISSUER names (discovery is below it). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Creates or changes the account that signs in with `login`; its claims are read at each sign-in. */
  setAccount(login: string, claims: IssuerAccount): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified one)
 * on 127.0.0.1 at a random port, with one confidential client allowed to
 * return to `redirectUris`, and accounts whose claims the test sets. Its
 * login and consent pages are replaced by a small API the test drives (see
 * completeAtIssuer): GET /interaction/:uid says which prompt is open (as
 * JSON, or to a browser as a one-field page), POST /interaction/:uid/login
 * (form field `login`) signs in, POST /interaction/:uid/confirm grants what
 * the client asked.
 */
export async function startOidcIssuer(opts: { redirectUris: string[] }): Promise<OidcIssuer> {
  const accounts = new Map<string, IssuerAccount>();
  const clientId = 'animegen-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Our own signing key and cookie keys: without them oidc-provider warns that it runs on development defaults.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // Better Auth's generic OAuth client sends its secret in the token request body by default.
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    // Stated, so oidc-provider does not warn that it runs on its development defaults.
    adapter: mapAdapter(),
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string): Account | undefined => {
      if (!accounts.has(sub)) return undefined;
      return {
        accountId: sub,
        claims: () => {
          const claims = accounts.get(sub);
          return { sub, email: claims?.email, email_verified: claims?.email_verified, name: claims?.name };
        },
      };
    },
  });
  const oidc = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const interaction = /^\/interaction\/([^/?]+)(?:\/(login|confirm))?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!interaction) return oidc(req, res);
    void handleInteraction(req, res, interaction[2]).catch((err: Error) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: err.message }));
    });
  });

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET' && !action) {
      if (req.headers.accept?.includes('text/html')) return interactionPage(res, details.uid, details.prompt.name);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ uid: details.uid, prompt: details.prompt.name }));
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const login = new URLSearchParams(await readBody(req)).get('login') ?? '';
      if (!accounts.has(login)) throw new Error(`no account "${login}" at the test issuer`);
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    if (req.method === 'POST' && action === 'confirm') {
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error('consent before login');
      const grant =
        (details.grantId && (await provider.Grant.find(details.grantId))) ||
        new provider.Grant({ accountId, clientId: details.params.client_id });
      const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    res.statusCode = 405;
    res.end();
  }

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (login, claims) => accounts.set(login, claims),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The same two steps as a page, for a real browser: a login field, then an "Allow" button. */
function interactionPage(res: ServerResponse, uid: string, prompt: string) {
  const form =
    prompt === 'login'
      ? `<form method="post" action="/interaction/${uid}/login"><label>Login <input name="login"></label><button>Sign in</button></form>`
      : `<form method="post" action="/interaction/${uid}/confirm"><button>Allow</button></form>`;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><title>Test issuer</title>${form}`);
}

/** oidc-provider's storage, in a Map per issuer (what a test issuer needs: no expiry, no restarts). */
function mapAdapter() {
  const rows = new Map<string, Record<string, unknown>>();
  return class MapAdapter {
    constructor(readonly model: string) {}
    key = (id: string) => `${this.model}:${id}`;
    async upsert(id: string, payload: Record<string, unknown>) {
      rows.set(this.key(id), payload);
    }
    async find(id: string) {
      return rows.get(this.key(id));
    }
    async findByUid(uid: string) {
      return [...rows.entries()].find(([k, p]) => k.startsWith(`${this.model}:`) && p.uid === uid)?.[1];
    }
    async findByUserCode(userCode: string) {
      return [...rows.entries()].find(([k, p]) => k.startsWith(`${this.model}:`) && p.userCode === userCode)?.[1];
    }
    async consume(id: string) {
      const row = rows.get(this.key(id));
      if (row) row.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      rows.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [k, p] of rows) if (p.grantId === grantId) rows.delete(k);
    }
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Walks the issuer's side of a sign-in as the account `login` would: from
 * the authorization URL our server handed out, through login and consent,
 * until the issuer sends the browser back to another origin. Returns that
 * URL (our callback with `code`, `state` and `iss`, or with `error`), not
 * yet requested, so the test takes the last step itself.
 */
export async function completeAtIssuer(browser: Browser, authorizationUrl: string, login: string): Promise<string> {
  const issuerOrigin = new URL(authorizationUrl).origin;
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    const res = await browser.get(url);
    if (res.location) {
      if (new URL(res.location).origin !== issuerOrigin) return res.location;
      url = res.location;
      continue;
    }
    if (res.status !== 200) throw new Error(`the issuer answered ${res.status} at ${url}: ${res.text}`);
    const { uid, prompt } = res.json<{ uid: string; prompt: string }>();
    const action = prompt === 'login' ? 'login' : 'confirm';
    const posted = await browser.post(`${issuerOrigin}/interaction/${uid}/${action}`, { form: action === 'login' ? { login } : {} });
    if (!posted.location) throw new Error(`the issuer's ${action} answered ${posted.status}: ${posted.text}`);
    url = posted.location;
  }
  throw new Error('the issuer never sent the browser back');
}
