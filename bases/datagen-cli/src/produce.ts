import type { KafkaSink } from '@fp/kafka-sink';
import type { Logger } from '@fp/log';
import { PROGRESS_LOG_INTERVAL_MS } from '@fp/worker-ops';
import type { DatagenConfig } from './config';
import type { RecordFeed } from './record-feeds';

/** Above this many unacknowledged records the generator waits for the broker (memory stays bounded). */
export const MAX_PENDING_RECORDS = 20_000;
/** Live mode wakes this often and sends what the rate says is due, so the rate holds without a timer per record. */
export const LIVE_TICK_MS = 50;

export interface ProduceOptions {
  readonly feed: RecordFeed;
  readonly sink: Pick<KafkaSink, 'send' | 'flush' | 'pendingCount'>;
  readonly mode: DatagenConfig['mode'];
  readonly log: Logger;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Live runs end when it aborts (a backfill too, early); everything sent is flushed first. */
  readonly signal?: AbortSignal;
}

export interface ProduceSummary {
  readonly records: number;
  readonly durationMs: number;
}

/**
 * Backfill: `count` records at `fromMs + floor(i * (toMs - fromMs) / count)` (evenly spread,
 * non-decreasing, inside `[fromMs, toMs)`), as fast as the broker acknowledges, with progress logs.
 * Live: records stamped with the clock, `ratePerSecond` on average, until `count` or the signal.
 */
export async function produce(options: ProduceOptions): Promise<ProduceSummary> {
  const { feed, sink, mode, log, now } = options;
  const startedAtMs = now();
  let records = 0;
  let lastProgressAtMs = startedAtMs;
  const isStopped = () => options.signal?.aborted === true;
  const progress = async (total: number | undefined) => {
    if (sink.pendingCount > MAX_PENDING_RECORDS) await sink.flush();
    if (now() - lastProgressAtMs >= PROGRESS_LOG_INTERVAL_MS) {
      lastProgressAtMs = now();
      const seconds = (lastProgressAtMs - startedAtMs) / 1000;
      log.info(
        {
          records,
          ...(total === undefined ? {} : { total, percent: Math.floor((100 * records) / total) }),
          recordsPerSecond: Math.round(records / seconds),
        },
        'progress',
      );
    }
  };

  if (mode.kind === 'backfill') {
    const spanMs = mode.toMs - mode.fromMs;
    while (records < mode.count && !isStopped()) {
      sink.send(feed(mode.fromMs + Math.floor((records * spanMs) / mode.count)));
      records += 1;
      if (records % 1_000 === 0) await progress(mode.count);
    }
  } else {
    while (!isStopped() && (mode.count === undefined || records < mode.count)) {
      const due = Math.floor(((now() - startedAtMs) * mode.ratePerSecond) / 1000) + 1;
      const limit = mode.count === undefined ? due : Math.min(due, mode.count);
      while (records < limit) {
        sink.send(feed(now()));
        records += 1;
      }
      await progress(mode.count);
      if (mode.count === undefined || records < mode.count) await options.sleep(LIVE_TICK_MS);
    }
  }
  await sink.flush();
  return { records, durationMs: now() - startedAtMs };
}
