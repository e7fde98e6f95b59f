import type { SourceTransaction } from '@fp/card-transactions';
import type { ArchivedRow } from '@fp/offline-store';
import type { Serde } from '@fp/serdes';
import type { Kafka } from 'kafkajs';
import { connectTestProducer } from './test-producer';

/**
 * What must be equal between a streaming run and a backfill: the row and its entity, event time,
 * availability and emission (Kafka offsets may differ: the streaming run's interleave).
 */
export const comparableArchivedRows = (rows: readonly ArchivedRow[]): string[] =>
  rows.map((row) => JSON.stringify([row.entityKey, row.eventTimeMs, row.availableAtMs, row.emission, row.row])).sort();

/**
 * One transaction per partition at `atMs` (cards -1, -2, ...): past the last window's end plus
 * the out-of-orderness, they move every partition's watermark so a streaming run fires every
 * window a bounded run fires at the end of input. Their own rows have negative `cc_num`.
 */
const watermarkSentinels = (partitions: number, atMs: number): SourceTransaction[] =>
  Array.from({ length: partitions }, (_, partition) => ({
    tid: `sentinel-${partition}`,
    datetime: atMs,
    cc_num: -1 - partition,
    amount: 0,
  }));

/**
 * Produces the transactions (keyed by card), then one watermark sentinel per partition at
 * `sentinelMs`, so a streaming card pipeline fires every window of the transactions.
 */
export async function produceTransactionsThenSentinels(
  kafka: Kafka,
  topic: string,
  transactions: readonly SourceTransaction[],
  options: { readonly serde: Serde<SourceTransaction>; readonly partitions: number; readonly sentinelMs: number },
): Promise<void> {
  const { serde } = options;
  const producer = await connectTestProducer(kafka);
  try {
    await producer.send(
      topic,
      transactions.map((transaction) => ({ key: String(transaction.cc_num), value: serde.serialize(transaction) })),
    );
    await producer.send(
      topic,
      watermarkSentinels(options.partitions, options.sentinelMs).map((sentinel, partition) => ({
        partition,
        value: serde.serialize(sentinel),
      })),
    );
  } finally {
    await producer.disconnect();
  }
}
