import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { refundTotals } from '../../credits/index.js';
import type { Db } from '../../db/index.js';
import { countGenerations } from '../../generation/index.js';
import type { JobQueue } from '../../jobs/queue.js';
import { AppError } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';

/**
 * GET /metrics – Prometheus text format. Database-wide figures are read at
 * scrape time from the modules that own them, so any web process reports the
 * same totals. With METRICS_TOKEN set, a matching `Authorization: Bearer`
 * header is required.
 */
export async function metricsRoutes(
  app: FastifyInstance,
  opts: { db: Db; queue: Pick<JobQueue, 'depth'>; metrics: Metrics; token: string | null },
): Promise<void> {
  const { db, metrics } = opts;
  metrics.scrapedGauge('animegen_generations', 'Generations by status and provider', ['status', 'provider'], async (set) => {
    for (const row of await countGenerations(db)) set({ status: row.status, provider: row.provider }, row.n);
  });
  metrics.scrapedGauge('animegen_queue_jobs', 'Jobs waiting or running, by queue and state', ['queue', 'state'], async (set) => {
    for (const row of await opts.queue.depth()) set({ queue: row.queue, state: row.state }, row.n);
  });
  metrics.scrapedGauge('animegen_refunds', 'Generation refunds recorded in the ledger (count and credits)', ['measure'], async (set) => {
    const totals = await refundTotals(db);
    set({ measure: 'count' }, totals.count);
    set({ measure: 'credits' }, totals.credits);
  });

  // A bearer token when METRICS_TOKEN is set; open otherwise (operators expose /metrics only inside their network).
  app.get('/metrics', { config: { access: 'signed', cache: 'no-store' } }, async (req, reply) => {
    if (opts.token) {
      const given = Buffer.from(req.headers.authorization ?? '');
      const expected = Buffer.from(`Bearer ${opts.token}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new AppError('unauthenticated', 'A metrics token is required.');
    }
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
