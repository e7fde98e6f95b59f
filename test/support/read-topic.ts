import { createBoundedKafkaSource, type RawRecord } from '@fp/kafka-source';
import type { Kafka } from 'kafkajs';
import { testBrokers, uniqueName } from './kafka';

export interface ReadRecord {
  readonly partition: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, unknown>;
}

/** Reads a topic from the beginning, with a fresh consumer group, until `expected` records arrived. */
export function readTopic(kafka: Kafka, topic: string, expected: number, timeoutMs = 30_000): Promise<ReadRecord[]> {
  return readTopicUntil(kafka, topic, (records) => records.length >= expected, timeoutMs);
}

/**
 * Reads a topic from the beginning until `isComplete(records so far)` holds, for outputs whose
 * count is not known in advance (at-least-once may repeat records). Each stored record counts
 * once: the reader's own group may rebalance on a loaded machine and be handed a partition again
 * from its last commit, and those repeats are the reader's, not the topic's (a record written
 * twice has two offsets and is read twice).
 */
export async function readTopicUntil(
  kafka: Kafka,
  topic: string,
  isComplete: (records: readonly ReadRecord[]) => boolean,
  timeoutMs = 60_000,
): Promise<ReadRecord[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: ReadRecord[] = [];
  const delivered = new Set<string>();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic} incomplete after ${timeoutMs} ms (${records.length} records)`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const position = `${String(partition)}@${message.offset}`;
            if (delivered.has(position)) return;
            delivered.add(position);
            records.push({ partition, key: message.key, value: message.value, headers: message.headers ?? {} });
            if (isComplete(records)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/**
 * Every record of a topic up to its current end, as a `read_committed` reader sees it by default
 * (control records and aborted transactions skipped): for asserting exact output, repeats included.
 */
export async function readWholeTopic(
  topic: string,
  isolationLevel: 'read_committed' | 'read_uncommitted' = 'read_committed',
  brokers: string[] = testBrokers(),
): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  await createBoundedKafkaSource({
    connection: { brokers, clientId: uniqueName('whole-topic-reader') },
    topics: [topic],
    isolationLevel,
    handler: async (batch) => {
      records.push(...batch.records);
    },
  }).run();
  return records;
}
