import type { OnlineStore } from '@fp/online-store';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every series starts with this, as the workers' do. */
const METRIC_PREFIX = 'fp_';

/** Lookup latencies from 0.25 ms (a cached single key) to 1 s. */
const LATENCY_BUCKETS_SECONDS = [0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1];

/** How far one partition of a view is behind, as the replica reports it. */
export interface ViewPartitionLag {
  readonly view: string;
  readonly partition: number;
  readonly lagRecords: number;
}

export interface LookupMetrics {
  readonly registry: Registry;
  /** Starts timing one lookup; call the result with the outcome when answered. */
  startLookup(view: string, kind: 'single' | 'batch'): (outcome: 'found' | 'not_found' | 'partial') => void;
}

/**
 * The lookup server's Prometheus series: lookup latency (histogram, by view, single or batch, and
 * outcome), keys asked for, and per view the rows read, written and rejected, the lag in records
 * per partition and the freshness (how old the latest event time read is). View figures are read
 * at scrape time: nothing is paid between scrapes.
 */
export function createLookupMetrics(options: {
  readonly store: OnlineStore;
  readonly lag: () => readonly ViewPartitionLag[];
  readonly now: () => number;
}): LookupMetrics {
  const { store } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const latency = new Histogram({
    name: `${METRIC_PREFIX}feature_lookup_duration_seconds`,
    help: 'Time to answer a lookup (one entity, or a batch of entities), from request parsed to answer built',
    labelNames: ['view', 'kind', 'outcome'],
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  const viewCounter = (
    name: string,
    help: string,
    read: (stats: ReturnType<OnlineStore['views'][number]['stats']>) => number,
  ) =>
    new Counter({
      name: `${METRIC_PREFIX}${name}`,
      help,
      labelNames: ['view'],
      registers: [registry],
      collect() {
        this.reset();
        for (const view of store.views) this.inc({ view: view.name }, read(view.stats()));
      },
    });
  viewCounter('feature_view_rows_read_total', 'Feature rows read from the view topic since start', (s) => s.rowsRead);
  viewCounter(
    'feature_view_rows_written_total',
    'Rows that became their entity latest since start',
    (s) => s.rowsWritten,
  );
  viewCounter(
    'feature_view_bad_records_total',
    'Records of the view topic that could not be decoded or keyed (logged with their coordinates)',
    (s) => s.badRecords,
  );
  new Gauge({
    name: `${METRIC_PREFIX}feature_view_lag_records`,
    help: 'Records of the view topic partition not yet materialised',
    labelNames: ['view', 'partition'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { view, partition, lagRecords } of options.lag())
        this.set({ view, partition: String(partition) }, lagRecords);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}feature_view_freshness_seconds`,
    help: 'Age of the latest event time read from the view topic since start (now minus that record timestamp)',
    labelNames: ['view'],
    registers: [registry],
    collect() {
      this.reset();
      const nowMs = options.now();
      for (const view of store.views) {
        const latest = view.stats().maxEventTimeMs;
        if (latest !== undefined) this.set({ view: view.name }, (nowMs - latest) / 1_000);
      }
    },
  });
  return {
    registry,
    startLookup(view, kind) {
      const end = latency.startTimer({ view, kind });
      return (outcome) => {
        end({ outcome });
      };
    },
  };
}
