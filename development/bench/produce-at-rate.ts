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
 * At most this much of the schedule may wait unacknowledged in the producer before the loop waits
 * for the broker: a producer that falls behind shows up as a lower achieved rate, never as
 * records stamped long before they could be read.
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
  /** How often the loop had to wait for the broker because MAX_QUEUED_MS of records were unacknowledged. */
  readonly backpressureWaits: number;
}

/**
 * Live card transactions stamped with the wall clock (`datetime` = now, as Hopsworks' simulator),
 * paced by elapsed time: each tick sends every record due since the start, so a late tick catches
 * up instead of lowering the rate. Sends are queued in the sink and leave in batches; the loop
 * awaits only the tick and, under backpressure, the broker.
 */
export async function produceAtRate(options: ProduceAtRateOptions): Promise<ProduceAtRateResult> {
  const { sink, topic, serde, eventsPerSec, durationMs } = options;
  const generator = createTransactionGenerator({ seed: options.seed, now: Date.now });
  const maxQueued = Math.ceil((eventsPerSec * MAX_QUEUED_MS) / MS_PER_SECOND);
  const startedAtMs = performance.now();
  let sent = 0;
  let backpressureWaits = 0;
  for (let elapsedMs = 0; elapsedMs < durationMs; elapsedMs = performance.now() - startedAtMs) {
    const due = Math.floor((eventsPerSec * elapsedMs) / MS_PER_SECOND) - sent;
    for (let i = 0; i < due; i++) sink.send({ topic, key: null, value: serde.serialize(generator.next()) });
    sent += Math.max(0, due);
    if (sink.pendingCount > maxQueued) {
      backpressureWaits++;
      await sink.flush();
    }
    await delay(PRODUCE_TICK_MS);
  }
  await sink.flush();
  return { produced: sent, seconds: (performance.now() - startedAtMs) / MS_PER_SECOND, backpressureWaits };
}
