import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { ApiKeyResolver, SessionUser } from '../../accounts/index.js';
import type { ApiKeyScope } from '../../contracts/api-keys.js';
import { isOperatorRole, may, type OperatorPermission, operatorPermissions } from '../../contracts/operators.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { createKeyRateLimiter, type KeyRateLimit } from './key-rate-limit.js';

/**
 * Who may call a route, declared in its options (`config: { access, cache }`)
 * and enforced here, once, for every route:
 * - public: anyone; no session is read.
 * - guest-or-user: anyone; the signed-in user, if there is one, is handed over.
 * - user: a signed-in user (401 unauthenticated otherwise).
 * - operator: a signed-in operator whose role has the route's `permission`
 *   (401, then 403 forbidden) and whose account signs in with two factors
 *   (403 two_factor_required).
 * - signed: anyone, but the request carries its own proof that the handler
 *   verifies (a webhook signature, a callback token, a signed link, a token).
 *
 * A `user` route that declares `apiKey: <scope>` also admits an API key with
 * that scope (`Authorization: Bearer ag_…`), counted against the key's rate
 * limit. Every other route ignores the header, so a key reaches nothing else.
 */
export const accessLevels = ['public', 'guest-or-user', 'user', 'operator', 'signed'] as const;
export type Access = (typeof accessLevels)[number];

/**
 * How a response may be cached:
 * - no-store: private or changing data (every response, errors included);
 * - private-immutable: a file that never changes under its id, kept by the
 *   browser only (successful responses only: an error must not stick a year);
 * - none: we say nothing (public pages, framework routes).
 */
export const cachePolicies = ['no-store', 'private-immutable', 'none'] as const;
export type CachePolicy = (typeof cachePolicies)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    cache?: CachePolicy;
    /**
     * For a route called at typing speed that shows nothing an ended session
     * must not see (tag suggestions): the session read of the same cookie is
     * reused for this many milliseconds, so a sign-out or suspension reaches it
     * that much later. Every other route reads the session on each request.
     */
    sessionReuseMs?: number;
    /** What an operator route does, checked against the operator's role (contracts/operators.ts). */
    permission?: OperatorPermission;
    /** A `user` route that an API key with this scope may call too (the versioned API, the files it links). */
    apiKey?: ApiKeyScope;
  }
  interface FastifyRequest {
    /** The signed-in user on `user` and `operator` routes (and on `guest-or-user` ones when signed in). */
    user: SessionUser | null;
  }
}

const cacheHeaders: Record<Exclude<CachePolicy, 'none'>, string> = {
  'no-store': 'no-store',
  'private-immutable': 'private, max-age=31536000, immutable',
};

/** The signed-in user of a `user` or `operator` route. Throws when a route declared less and still asks. */
export function userOf(req: FastifyRequest): SessionUser {
  if (!req.user) throw new Error(`${req.method} ${req.routeOptions.url} asked for the user but does not declare access user or operator`);
  return req.user;
}

/** The session behind a request, on routes that admit no API key. */
export function sessionOf(req: FastifyRequest): string {
  const { sessionId } = userOf(req);
  if (!sessionId) throw new Error(`${req.method} ${req.routeOptions.url} asked for the session but admits API keys`);
  return sessionId;
}

/**
 * The signed-in user of a route that makes something (a generation, an
 * upload): refused with age_confirmation_required until the account confirmed
 * the minimum age and accepted the terms (an account made by a provider
 * sign-in does so on the web app's welcome step, POST /api/me/consent).
 */
export function consentedUserOf(req: FastifyRequest): SessionUser {
  const user = userOf(req);
  if (!user.ageConfirmed) {
    throw new AppError('age_confirmation_required', 'Confirm your age and accept the terms of use before you create anything.');
  }
  return user;
}

/** Whether a route must declare its access and caching: every API route, the metrics and health endpoints. */
const mustDeclare = (url: string) => url.startsWith('/api/') || url === '/metrics' || url === '/healthz';

/**
 * Registers the access and caching hooks. Must run before any route is added:
 * a route without a declaration stops start-up (tests walk every route too).
 */
export function registerAccess(
  app: FastifyInstance,
  credentials: { resolveSession: SessionResolver; resolveApiKey: ApiKeyResolver; keyRateLimit: KeyRateLimit },
  clock: Clock,
): void {
  const { resolveSession } = credentials;
  const reused = reusedSessions(resolveSession, () => clock.now().getTime());
  const byKey = keyAuthentication(
    credentials.resolveApiKey,
    createKeyRateLimiter(credentials.keyRateLimit, () => clock.now().getTime()),
  );
  app.decorateRequest('user', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!mustDeclare(route.url)) return;
    const { access, cache } = route.config ?? {};
    const { permission } = route.config ?? {};
    if (!access || !accessLevels.includes(access) || !cache || !cachePolicies.includes(cache)) {
      throw new Error(`${[route.method].flat().join(',')} ${route.url} must declare config.access and config.cache`);
    }
    if ((access === 'operator') !== Boolean(permission && permission in operatorPermissions)) {
      throw new Error(`${[route.method].flat().join(',')} ${route.url}: an operator route, and only one, declares config.permission`);
    }
    if (route.config?.apiKey && access !== 'user') {
      throw new Error(`${[route.method].flat().join(',')} ${route.url}: only a user route may admit API keys`);
    }
  });
  // After validation, as the handlers' own checks ran before: a malformed request still gets its 4xx first.
  app.addHook('preHandler', async (req, reply) => {
    const access = req.routeOptions.config.access;
    const scope = req.routeOptions.config.apiKey;
    if (scope && req.headers.authorization !== undefined) {
      req.user = await byKey(req, reply, scope);
      return;
    }
    if (access === 'user' || access === 'operator' || access === 'guest-or-user') {
      const reuseMs = req.routeOptions.config.sessionReuseMs;
      req.user = reuseMs ? await reused(req.headers.cookie, reuseMs) : await resolveSession(req.headers.cookie);
      if (!req.user && access !== 'guest-or-user') {
        if (!scope) throw new AppError('unauthenticated', 'Please sign in to continue.');
        reply.header('www-authenticate', 'Bearer');
        throw new AppError('unauthenticated', 'Send an API key (Authorization: Bearer ag_…), or sign in.');
      }
      if (access === 'operator') checkOperator(req.user as SessionUser, req.routeOptions.config.permission as OperatorPermission);
    }
  });
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply) => {
    const cache = req.routeOptions.config?.cache;
    if (!cache || cache === 'none' || reply.hasHeader('cache-control')) return;
    if (cache === 'private-immutable' && reply.statusCode !== 200 && reply.statusCode !== 304) return;
    reply.header('cache-control', cacheHeaders[cache]);
  });
}

/** Role first (a customer learns nothing about two-factor), then the operator's second factor. */
function checkOperator(user: SessionUser, permission: OperatorPermission): void {
  if (!isOperatorRole(user.role)) throw new AppError('forbidden', 'This page is for operators only.');
  if (!may(user.role, permission)) throw new AppError('forbidden', 'Your operator role does not cover this.', { detail: permission });
  if (!user.twoFactor) throw new AppError('two_factor_required', 'The operator console needs two-factor sign-in.');
}

/**
 * Authenticates a request by its `Authorization: Bearer` key: 401 for a key
 * that is not valid (unknown, expired, revoked, or its owner suspended), 403
 * for one without the route's scope, 429 past the key's rate limit. Sets the
 * RateLimit headers on every answer to a known key.
 */
function keyAuthentication(resolveApiKey: ApiKeyResolver, limiter: ReturnType<typeof createKeyRateLimiter>) {
  return async (req: FastifyRequest, reply: FastifyReply, scope: ApiKeyScope): Promise<SessionUser> => {
    const [kind, key] = (req.headers.authorization ?? '').split(' ');
    const holder = kind?.toLowerCase() === 'bearer' && key ? await resolveApiKey(key) : null;
    if (!holder) {
      reply.header('www-authenticate', 'Bearer');
      throw new AppError('unauthenticated', 'This API key is not valid: it may have expired or been revoked.');
    }
    if (!holder.scopes.includes(scope)) {
      throw new AppError('forbidden', `This API key lacks the "${scope}" scope.`, { detail: `scopes: ${holder.scopes.join(',')}` });
    }
    const rate = limiter.take(holder.keyId);
    reply.header('ratelimit-policy', limiter.policy).header('ratelimit', `"key";r=${rate.remaining};t=${rate.resetSeconds}`);
    if (!rate.allowed) {
      reply.header('retry-after', String(rate.resetSeconds));
      throw new AppError('rate_limited', `Too many requests with this API key. Try again in ${rate.resetSeconds} s.`);
    }
    return holder.user;
  };
}

type SessionResolver = (cookie: string | undefined) => Promise<SessionUser | null>;
const MAX_REUSED = 10_000;

/**
 * Session reads kept by Cookie header for the routes that allow reuse. Only a
 * signed-in answer is kept (a visitor who signs in is known at once), and the
 * whole map is dropped when full rather than tracking age per entry.
 */
function reusedSessions(resolve: SessionResolver, now: () => number) {
  const kept = new Map<string, { user: SessionUser; at: number }>();
  return async (cookie: string | undefined, reuseMs: number): Promise<SessionUser | null> => {
    if (!cookie) return null;
    const hit = kept.get(cookie);
    if (hit && now() - hit.at < reuseMs) return hit.user;
    const user = await resolve(cookie);
    if (kept.size >= MAX_REUSED) kept.clear();
    if (user) kept.set(cookie, { user, at: now() });
    else kept.delete(cookie);
    return user;
  };
}

/**
 * A session route and its twin in the versioned API (`/api/x` → `/api/v1/x`),
 * which admits an API key with `scope` as well as the session: register the
 * same options and handler under each.
 */
export function withApiTwin(path: string, scope: ApiKeyScope) {
  const config = { access: 'user', cache: 'no-store' } as const;
  return [
    { url: path, config },
    { url: path.replace(/^\/api\//, '/api/v1/'), config: { ...config, apiKey: scope } },
  ];
}
