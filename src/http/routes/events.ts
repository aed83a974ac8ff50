import type { FastifyInstance } from 'fastify';
import type { LiveEvent } from '../../contracts/api.js';
import { getBalance } from '../../credits/index.js';
import { type GenerationContext, getGenerationOrThrow } from '../../generation/index.js';
import type { LiveHub, LiveNotice } from '../../pubsub/index.js';
import { userOf } from '../plugins/access.js';

/**
 * GET /api/generations/events – Server-Sent Events for the signed-in user:
 * generation changes, deletions and the credit balance. Each notice is turned
 * into the full, owner-scoped view here.
 */
export async function eventRoutes(
  app: FastifyInstance,
  deps: Pick<GenerationContext, 'db' | 'modelNames'> & { hub: LiveHub },
): Promise<void> {
  // Not compressed: a compressor holds small writes back until its buffer fills, and events must arrive at once.
  app.get('/api/generations/events', { config: { access: 'user', cache: 'no-store' }, compress: false }, async (req, reply) => {
    const user = userOf(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const write = (event: LiveEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
    res.write('retry: 3000\n: connected\n\n');

    // Notices are handled one at a time so the browser sees them in order.
    let chain = Promise.resolve();
    const toEvent = async (n: LiveNotice): Promise<LiveEvent | null> => {
      if (n.kind === 'credits') return { type: 'credits', balance: await getBalance(deps.db, user.id) };
      if (n.kind === 'generation_deleted' && n.id) return { type: 'generation_deleted', id: n.id };
      if ((n.kind === 'generation' || n.kind === 'generation_restored') && n.id) {
        const generation = await getGenerationOrThrow(deps, { userId: user.id, generationId: n.id, mature: user.mature }).catch(() => null);
        return generation ? { type: n.kind, generation } : null;
      }
      return null;
    };
    const unsubscribe = deps.hub.subscribe(user.id, (notice) => {
      chain = chain.then(async () => {
        const event = await toEvent(notice).catch((err) => {
          req.log.warn({ err }, 'live event could not be built');
          return null;
        });
        if (event && !res.writableEnded) write(event);
      });
    });
    // Comments keep proxies from closing an idle stream.
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });
}
