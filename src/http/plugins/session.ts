import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../accounts/index.js';
import { AppError } from '../../lib/errors.js';

/** Request headers as a Fetch Headers object (what Better Auth reads). */
export function toHeaders(req: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, String(v));
  }
  return headers;
}

/** Resolves the signed-in user from the session cookie, or throws unauthenticated. */
export function sessionGuard(resolveSession: (cookie: string | undefined) => Promise<SessionUser | null>) {
  return async function requireUser(req: FastifyRequest): Promise<SessionUser> {
    const user = await resolveSession(req.headers.cookie);
    if (!user) throw new AppError('unauthenticated', 'Please sign in to continue.');
    return user;
  };
}

export type RequireUser = ReturnType<typeof sessionGuard>;

/** Private, per-user JSON must never sit in a shared cache. */
export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}

/** Like requireUser, and the user must be an operator (role admin); others get 403. */
export function adminGuard(requireUser: RequireUser) {
  return async function requireAdmin(req: FastifyRequest): Promise<SessionUser> {
    const user = await requireUser(req);
    if (user.role !== 'admin') throw new AppError('forbidden', 'This page is for operators only.');
    return user;
  };
}

/** The signed-in user, or null (routes open to everyone that behave better with a session). */
export function optionalUser(requireUser: RequireUser) {
  return async (req: FastifyRequest): Promise<SessionUser | null> => requireUser(req).catch(() => null);
}
