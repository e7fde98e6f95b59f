import { buildDeadLetterRecord, RecordFailedError } from '@fp/dead-letters';
import type { KafkaSink } from '@fp/kafka-sink';
import type { DeadLetter, OutputRecord } from '@fp/stream-runtime';

/**
 * Sends what tasks write to the producer: output records (the producer's partitioner places them,
 * murmur2 as the Java client does) and dead letters with their `fp-*` headers.
 */
export function createOutputWriter(sink: Pick<KafkaSink, 'send'>, deadLetterTopic: string | undefined) {
  return {
    onOutput(record: OutputRecord): void {
      sink.send({ topic: record.topic, key: record.key, value: record.value, timestampMs: record.timestampMs });
    },
    onDeadLetter({ record, error, stepName }: DeadLetter): void {
      if (deadLetterTopic === undefined) throw error;
      // The runtime wraps the serde's error; the dead letter names the original code (SERDES_...).
      const cause = error.cause instanceof Error ? error.cause : error;
      const failure = new RecordFailedError(
        { topic: record.topic, partition: record.partition, offset: record.offset, stepName },
        cause,
      );
      sink.send(buildDeadLetterRecord(deadLetterTopic, { ...record, headers: record.headers ?? {} }, failure));
    },
  };
}
