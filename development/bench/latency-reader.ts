import { TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS, type TransactionAgg } from '@fp/card-transactions';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { createKafkaSource } from '@fp/kafka-source';
import type { RegistryAvroSerde } from '@fp/schema-registry';

/**
 * A window [start, end) fires when the watermark (max event time seen - 60 000 - 1) reaches
 * end - 1, i.e. once a transaction with `datetime` >= end + 60 000 has been read. With `datetime`
 * = wall clock at creation, no pipeline can emit the window before wall-clock end + 60 000 ms.
 */
export const LATENCY_DEFINITION =
  'latencyMs = visibleAtMs - (window_end + 60000). visibleAtMs: wall clock when a consumer of the ' +
  'features topic received the record. window_end + 60000: the earliest wall-clock time a transaction ' +
  '(datetime = wall clock at creation) can exist that moves the watermark (max datetime - 60000 - 1) ' +
  'to window_end - 1, which fires the window [window_start, window_end)';

/** Short, so a reader waiting on an idle topic notices a new record quickly. */
const MAX_FETCH_WAIT_MS = 100;

export interface LatencyReader {
  /** One per output record, in ms; see LATENCY_DEFINITION. */
  readonly latenciesMs: readonly number[];
  /** Outputs without `window_end` (none expected: the card pipeline always sets it). */
  readonly withoutWindowEnd: number;
  stop(): Promise<void>;
}

/**
 * Reads the features topic from the beginning in its own consumer group and turns every record into
 * a latency sample, taking "visible" as the moment its batch reached the handler (before decoding).
 */
export async function startLatencyReader(options: {
  readonly connection: KafkaConnectionOptions;
  readonly topic: string;
  readonly groupId: string;
  readonly serde: RegistryAvroSerde<TransactionAgg>;
}): Promise<LatencyReader> {
  const latenciesMs: number[] = [];
  let withoutWindowEnd = 0;
  const source = createKafkaSource({
    connection: options.connection,
    groupId: options.groupId,
    topics: [options.topic],
    startFrom: 'earliest',
    maxWaitTimeMs: MAX_FETCH_WAIT_MS,
    handler: async (batch) => {
      const visibleAtMs = Date.now();
      const values = batch.records.flatMap((record) => (record.value === null ? [] : [record.value]));
      await options.serde.prepare(values);
      for (const value of values) {
        const windowEndMs = options.serde.deserialize(value).window_end;
        if (windowEndMs === null) withoutWindowEnd++;
        else latenciesMs.push(visibleAtMs - (windowEndMs + TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS));
      }
    },
  });
  await source.start();
  return {
    latenciesMs,
    get withoutWindowEnd() {
      return withoutWindowEnd;
    },
    stop: () => source.stop(),
  };
}
