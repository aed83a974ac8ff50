import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';

type Rows = { rows: Record<string, unknown>[] };

/**
 * GET /metrics – Prometheus text format. Database-wide figures are read at
 * scrape time, so any web process reports the same totals. With METRICS_TOKEN
 * set, a matching `Authorization: Bearer` header is required.
 */
export async function metricsRoutes(app: FastifyInstance, opts: { db: Db; metrics: Metrics; token: string | null }): Promise<void> {
  const { db, metrics } = opts;
  metrics.scrapedGauge('animegen_generations', 'Generations by status and provider', ['status', 'provider'], async (set) => {
    const r = (await db.execute(
      sql`select status, provider, count(*)::int as n from generations group by status, provider`,
    )) as unknown as Rows;
    for (const row of r.rows) set({ status: String(row.status), provider: String(row.provider) }, Number(row.n));
  });
  metrics.scrapedGauge('animegen_queue_jobs', 'Jobs waiting or running, by queue and state', ['queue', 'state'], async (set) => {
    const r = (await db.execute(
      sql`select name, state::text as state, count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') group by name, state`,
    )) as unknown as Rows;
    for (const row of r.rows) set({ queue: String(row.name), state: String(row.state) }, Number(row.n));
  });
  metrics.scrapedGauge('animegen_refunds', 'Generation refunds recorded in the ledger (count and credits)', ['measure'], async (set) => {
    const r = (await db.execute(
      sql`select count(*)::int as n, coalesce(sum(delta), 0)::int as credits from credit_entries where kind = 'generation_refund'`,
    )) as unknown as Rows;
    set({ measure: 'count' }, Number(r.rows[0]?.n ?? 0));
    set({ measure: 'credits' }, Number(r.rows[0]?.credits ?? 0));
  });

  app.get('/metrics', async (req, reply) => {
    if (opts.token) {
      const given = Buffer.from(req.headers.authorization ?? '');
      const expected = Buffer.from(`Bearer ${opts.token}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new AppError('unauthenticated', 'A metrics token is required.');
    }
    reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store');
    return metrics.registry.metrics();
  });
}
