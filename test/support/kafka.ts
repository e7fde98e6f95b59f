import { randomUUID } from 'node:crypto';
import { installReadCommittedFix } from '@fp/kafka-connection';
import { Kafka, logLevel } from 'kafkajs';
import { inject } from 'vitest';
import { awaitTopicLeaders } from './test-producer';

/** The broker list resolved by the global setup (environment, Testcontainers or native script). */
export function testBrokers(): string[] {
  return inject('kafkaBrokers');
}

/** Base URL of the Confluent-compatible Schema Registry API. */
export function testSchemaRegistryUrl(): string {
  return inject('schemaRegistryUrl');
}

/**
 * A topic (or group, or subject) name no other test uses, so tests never see each other's data
 * even on a shared, long-lived broker.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * A kafkajs client for test set-up and assertions. Its logs are off: kafkajs reports retriable
 * coordinator errors at ERROR level while a fresh broker creates its internal topics.
 */
export function testKafkaClient(clientId = uniqueName('test')): Kafka {
  // Test readers must see exactly what a correct read_committed consumer sees (kafkajs alone does not).
  installReadCommittedFix();
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.NOTHING });
}

/**
 * Creates topics with the given partition counts and waits until their leaders are elected.
 * `configs` override the topic settings (the default keeps records of any age: see below).
 */
export async function createTestTopics(
  kafka: Kafka,
  topics: Record<string, number>,
  configs: Record<string, string> = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      // kafkajs' own wait gives up on the UNKNOWN_TOPIC_OR_PARTITION a busy broker answers at first.
      waitForLeaders: false,
      topics: Object.entries(topics).map(([topic, numPartitions]) => ({
        topic,
        numPartitions,
        replicationFactor: 1,
        // Test records carry fixed event times years in the past: time-based retention (7 days by
        // default, checked every 5 minutes) would delete them in the middle of a test.
        configEntries: Object.entries({ 'retention.ms': '-1', ...configs }).map(([name, value]) => ({ name, value })),
      })),
    });
    for (const topic of Object.keys(topics)) await awaitTopicLeaders(admin, topic);
  } finally {
    await admin.disconnect();
  }
}
