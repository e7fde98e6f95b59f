import type { RuntimeMetrics } from '@fp/kafka-runtime';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The live figures `/metrics` exposes: `@fp/kafka-runtime`'s `RuntimeMetrics`. A bounded run
 * fills what it knows (records read) until its summary arrives.
 */
export type WorkerMetrics = RuntimeMetrics;

/** Every metric name starts with this, so dashboards can select a worker's own series. */
export const METRIC_PREFIX = 'fp_';

const TOPIC_PARTITION = /^(.*)\[(\d+)\]$/;

/**
 * A Prometheus registry whose series are read from `metrics()` at scrape time, so the runtime
 * keeps plain counters and pays nothing between scrapes. Counters are monotonic per run: they are
 * reset to the snapshot on every scrape (prom-client counters cannot be set).
 */
export function createMetricsRegistry(options: {
  readonly metrics: () => WorkerMetrics;
  readonly isReady: () => boolean;
  readonly now: () => number;
  readonly defaultLabels?: Readonly<Record<string, string>>;
}): Registry {
  const registry = new Registry();
  if (options.defaultLabels !== undefined) registry.setDefaultLabels({ ...options.defaultLabels });
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });

  const counter = (name: string, help: string, read: (m: WorkerMetrics) => number) =>
    new Counter({
      name: `${METRIC_PREFIX}${name}`,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read(options.metrics()));
      },
    });
  const gauge = (name: string, help: string, read: (m: WorkerMetrics) => number) =>
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      registers: [registry],
      collect() {
        this.set(read(options.metrics()));
      },
    });

  counter('records_in_total', 'Input records processed', (m) => m.recordsIn);
  counter('records_out_total', 'Output records written', (m) => m.recordsOut);
  counter('late_records_total', 'Records late for all of their windows', (m) => m.lateRecords);
  counter('skipped_records_total', 'Bad records skipped by the skip policy', (m) => m.skippedRecords);
  counter('dead_lettered_records_total', 'Bad records sent to the dead-letter topic', (m) => m.deadLetteredRecords);
  counter(
    'checkpoints_total',
    'Checkpoints completed (outputs flushed, state and offsets committed)',
    (m) => m.checkpoints,
  );
  counter('changelog_restores_total', 'State stores rebuilt from their changelog topic', (m) => m.changelogRestores);
  counter(
    'replayed_repartition_records_total',
    'Repartition records dropped as replays of records already counted (after an upstream crash)',
    (m) => m.replayedRepartitionRecords,
  );
  counter(
    'batches_during_checkpoints_total',
    'Batches processed while an at-least-once checkpoint waited for the broker or the disk',
    (m) => m.batchesDuringCheckpoints,
  );
  gauge('checkpoint_duration_ms', 'Duration of the last checkpoint in ms', (m) => m.lastCheckpointDurationMs);
  gauge('state_bytes', 'Estimated bytes of local state on disk, as of the last checkpoint', (m) => m.stateBytes);
  gauge('state_dirty_entries', 'State keys written or deleted since the last checkpoint', (m) => m.dirtyStateEntries);
  gauge('assigned_tasks', 'Tasks this worker runs', (m) => m.assignedTasks.length);
  new Gauge({
    name: `${METRIC_PREFIX}ready`,
    help: '1 when the worker is processing, else 0',
    registers: [registry],
    collect() {
      this.set(options.isReady() ? 1 : 0);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}consumer_lag_records`,
    help: 'Records between the last processed offset and the high watermark, per input partition',
    labelNames: ['topic', 'partition'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [topicPartition, lag] of Object.entries(options.metrics().consumerLag)) {
        const [, topic = topicPartition, partition = ''] = TOPIC_PARTITION.exec(topicPartition) ?? [];
        this.set({ topic, partition }, lag);
      }
    },
  });
  const watermarks = () =>
    Object.entries(options.metrics().watermarkMs).filter(([, watermarkMs]) => Number.isFinite(watermarkMs));
  new Gauge({
    name: `${METRIC_PREFIX}watermark_ms`,
    help: 'Event-time watermark per task (epoch ms); absent before the first record',
    labelNames: ['task'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [task, watermarkMs] of watermarks()) this.set({ task }, watermarkMs);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}watermark_lag_ms`,
    help: 'Processing time minus the event-time watermark per task, in ms',
    labelNames: ['task'],
    registers: [registry],
    collect() {
      this.reset();
      const nowMs = options.now();
      for (const [task, watermarkMs] of watermarks()) this.set({ task }, nowMs - watermarkMs);
    },
  });
  return registry;
}

/** What a run reports before it has read anything. */
export const EMPTY_WORKER_METRICS: WorkerMetrics = Object.freeze({
  recordsIn: 0,
  recordsOut: 0,
  lateRecords: 0,
  skippedRecords: 0,
  deadLetteredRecords: 0,
  consumerLag: {},
  watermarkMs: {},
  checkpoints: 0,
  lastCheckpointDurationMs: 0,
  dirtyStateEntries: 0,
  assignedTasks: [],
  changelogRestores: 0,
  replayedRepartitionRecords: 0,
  batchesDuringCheckpoints: 0,
  stateBytes: 0,
});
