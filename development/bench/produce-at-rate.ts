import type { SourceTransaction } from '@fp/card-transactions';
import type { KafkaSink } from '@fp/kafka-sink';
import type { Serde } from '@fp/serdes';
import { createTransactionGenerator } from '@fp/transaction-datagen';
import { delay } from './bundled-worker';

/**
 * How often the producer wakes up to send what the schedule says is due. Records of one tick share
 * (almost) the same `datetime`; 5 ms is well under the latencies measured and a timer Node keeps.
 */
const PRODUCE_TICK_MS = 5;
/**
 * At most this much of the schedule may wait unacknowledged in the producer. A producer that falls
 * further behind skips the records it could not queue in time instead of sending them later in a
 * burst: bursts would stamp records long before they could be read and grow the queue without
 * bound (seen: 1.5 GB in the bench at 50k/s on a busy machine). The achieved rate says how much.
 */
const MAX_QUEUED_MS = 500;
const MS_PER_SECOND = 1000;

export interface ProduceAtRateOptions {
  readonly sink: KafkaSink;
  readonly topic: string;
  readonly serde: Serde<SourceTransaction>;
  readonly eventsPerSec: number;
  readonly durationMs: number;
  readonly seed: number;
}

export interface ProduceAtRateResult {
  /** Records acknowledged by the broker. */
  readonly produced: number;
  /** From the first send to the last acknowledgement. */
  readonly seconds: number;
  /** Records of the schedule skipped because MAX_QUEUED_MS of records were still unacknowledged. */
  readonly skipped: number;
}

/**
 * Live card transactions stamped with the wall clock (`datetime` = now, as Hopsworks' simulator),
 * paced by elapsed time: each tick sends every record due since the start, so a late timer does
 * not lower the rate, as long as the producer's queue has room (MAX_QUEUED_MS). Sends are queued
 * in the sink and leave in batches on their own; the loop awaits nothing but its tick.
 */
export async function produceAtRate(options: ProduceAtRateOptions): Promise<ProduceAtRateResult> {
  const { sink, topic, serde, eventsPerSec, durationMs } = options;
  const generator = createTransactionGenerator({ seed: options.seed, now: Date.now });
  const maxQueued = Math.ceil((eventsPerSec * MAX_QUEUED_MS) / MS_PER_SECOND);
  const startedAtMs = performance.now();
  let sent = 0;
  let skipped = 0;
  for (let elapsedMs = 0; elapsedMs < durationMs; elapsedMs = performance.now() - startedAtMs) {
    const due = Math.floor((eventsPerSec * elapsedMs) / MS_PER_SECOND) - sent - skipped;
    const toSend = Math.min(due, Math.max(0, maxQueued - sink.pendingCount));
    for (let i = 0; i < toSend; i++) sink.send({ topic, key: null, value: serde.serialize(generator.next()) });
    sent += toSend;
    skipped += due - toSend;
    await delay(PRODUCE_TICK_MS);
  }
  await sink.flush();
  return { produced: sent, seconds: (performance.now() - startedAtMs) / MS_PER_SECOND, skipped };
}
