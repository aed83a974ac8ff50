import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for our own API (Better Auth guards
 * /api/auth itself): a state-changing request that carries a cookie must come
 * from our origin, by its Origin header or, failing that, its Referer. The
 * SameSite=Lax cookie already stops most of this; this makes it explicit and
 * testable. Provider webhooks (/api/hooks) carry no cookie and their own token.
 */
export function registerSameOriginGuard(app: FastifyInstance, publicUrl: string): void {
  const ours = new URL(publicUrl).origin;
  app.addHook('onRequest', async (req) => {
    if (SAFE.has(req.method) || !req.headers.cookie) return;
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || path.startsWith('/api/auth/') || path.startsWith('/api/hooks/')) return;
    const origin = req.headers.origin ?? originOf(req.headers.referer);
    if (origin !== ours) throw new AppError('forbidden', 'This request did not come from AnimeGen and was refused.');
  });
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
