import type { KafkaAdmin } from '@fp/kafka-admin';
import { classifyKafkaFailure, type KafkaFailureKind } from '@fp/kafka-connection';
import { KafkaRuntimeError } from './errors';

/** What each kind of failure to describe an input means to whoever runs the pipeline. */
const FAILURE_MEANING: Record<KafkaFailureKind, string> = {
  'topic-missing': 'does not exist: create it',
  'not-authorised': 'not authorised: grant Describe and Read on it',
  'authentication-failed': 'authentication failed: check the SASL mechanism, user and password',
  unreachable: 'no broker answered: check the broker addresses and that the brokers run',
  other: 'cannot be described',
};

/** Partition count of every input topic, failing with every topic that cannot be described and why. */
export async function fetchPartitionCounts(admin: KafkaAdmin, topics: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const failures: string[] = [];
  let firstFailure: unknown;
  for (const topic of new Set(topics)) {
    try {
      counts.set(topic, (await admin.describePartitions(topic)).length);
    } catch (error) {
      firstFailure ??= error;
      failures.push(`${topic} ${FAILURE_MEANING[classifyKafkaFailure(error)]} (${(error as Error).message})`);
    }
  }
  if (failures.length > 0) {
    throw new KafkaRuntimeError('KAFKA_RUNTIME_MISSING_TOPIC', `input topics: ${failures.join('; ')}`, {
      cause: firstFailure,
    });
  }
  return counts;
}
