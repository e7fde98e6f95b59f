import { createKafkaAdmin } from '@fp/kafka-admin';
import { createKafkaClient, type KafkaConnectionOptions } from '@fp/kafka-connection';
import type { Logger } from '@fp/log';

/** Kafka deletes topics asynchronously; this is how long we wait for them to be gone. */
export const TOPIC_DELETION_TIMEOUT_MS = 60_000;
const TOPIC_DELETION_POLL_MS = 250;

/**
 * Deletes the topics if they exist, waits until the broker no longer lists them, then creates them
 * with `partitions` each (the course's `--create`: a fresh start).
 */
export async function recreateTopics(options: {
  readonly connection: KafkaConnectionOptions;
  readonly topics: readonly string[];
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly log: Logger;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}): Promise<void> {
  const { topics, log } = options;
  const client = createKafkaClient(options.connection, log).admin();
  await client.connect();
  try {
    const existing = new Set(await client.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length > 0) {
      await client.deleteTopics({ topics: present });
      const deadlineMs = options.now() + TOPIC_DELETION_TIMEOUT_MS;
      for (;;) {
        const listed = new Set(await client.listTopics());
        if (!present.some((topic) => listed.has(topic))) break;
        if (options.now() > deadlineMs)
          throw new Error(`topics ${present.join(', ')} still exist ${TOPIC_DELETION_TIMEOUT_MS} ms after deletion`);
        await options.sleep(TOPIC_DELETION_POLL_MS);
      }
      log.info({ topics: present }, 'deleted topics');
    }
  } finally {
    await client.disconnect();
  }
  const admin = createKafkaAdmin({ connection: options.connection, log });
  try {
    await admin.ensureTopics(
      topics.map((topic) => ({ topic, partitions: options.partitions, replicationFactor: options.replicationFactor })),
    );
    log.info({ topics, partitions: options.partitions }, 'created topics');
  } finally {
    await admin.close();
  }
}
