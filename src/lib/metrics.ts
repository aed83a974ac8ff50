import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this process. Counts that must be right across many
 * processes (generations by status, queue depth, refunds) are read from the
 * database when scraped; timings are observed where they happen.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'animegen_process_' });
  return {
    registry,
    providerLatency: new Histogram({
      name: 'animegen_provider_request_seconds',
      help: 'Time of each call to an image provider',
      labelNames: ['provider', 'operation', 'outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    ingestion: new Histogram({
      name: 'animegen_result_ingestion_seconds',
      help: 'Time to download, re-encode and store the results of one generation',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    finished: new Counter({
      name: 'animegen_generations_finished_total',
      help: 'Generations this process brought to an end, by outcome',
      labelNames: ['provider', 'status'] as const,
      registers: [registry],
    }),
    providerAlerts: new Counter({
      name: 'animegen_provider_account_alerts_total',
      help: 'Failures caused by our provider account (no credits, bad key): an operator must act',
      labelNames: ['provider', 'code'] as const,
      registers: [registry],
    }),
    /** A gauge whose value is read when scraped, e.g. from the database. */
    scrapedGauge(
      name: string,
      help: string,
      labelNames: string[],
      read: (set: (labels: Record<string, string>, value: number) => void) => Promise<void>,
    ) {
      // Several apps may share one Deps (tests); a name can be registered once.
      if (registry.getSingleMetric(name)) return;
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          this.reset();
          await read((labels, value) => this.set(labels, value));
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
