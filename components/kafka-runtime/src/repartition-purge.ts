import type { KafkaAdmin } from '@fp/kafka-admin';
import type { TopicPartitionOffset } from '@fp/kafka-source';
import type { Logger } from '@fp/log';

/** Kafka Streams' `repartition.purge.interval.ms` default: purging is housekeeping, not per checkpoint. */
export const REPARTITION_PURGE_INTERVAL_MS = 30_000;

/**
 * Repartition topics keep their records regardless of age (`retention.ms=-1`): records re-keyed
 * from a backfill carry event times older than any retention, and the broker would delete them
 * before the downstream task reads them. Instead, as Kafka Streams does, records below the offsets
 * the downstream tasks committed are deleted once they are no longer needed, at most every
 * `intervalMs`. A failed purge is logged and retried at the next interval: nothing depends on it.
 */
export interface RepartitionPurger {
  /** After offsets were committed: notes those of repartition topics, and purges when due. */
  committed(offsets: readonly TopicPartitionOffset[]): Promise<void>;
}

export function createRepartitionPurger(options: {
  readonly admin: Pick<KafkaAdmin, 'deleteRecordsBefore'>;
  readonly repartitionTopics: readonly string[];
  readonly now: () => number;
  readonly log: Logger;
  readonly intervalMs?: number;
}): RepartitionPurger {
  const intervalMs = options.intervalMs ?? REPARTITION_PURGE_INTERVAL_MS;
  const repartitionTopics = new Set(options.repartitionTopics);
  /** topic -> partition -> offset committed since the last purge. */
  const pending = new Map<string, Map<number, string>>();
  let lastPurgeAtMs = options.now();

  return {
    async committed(offsets) {
      for (const { topic, partition, offset } of offsets) {
        if (!repartitionTopics.has(topic)) continue;
        const partitions = pending.get(topic) ?? new Map<number, string>();
        partitions.set(partition, offset);
        pending.set(topic, partitions);
      }
      if (pending.size === 0 || options.now() - lastPurgeAtMs < intervalMs) return;
      lastPurgeAtMs = options.now();
      const due = [...pending];
      pending.clear();
      for (const [topic, partitions] of due) {
        try {
          await options.admin.deleteRecordsBefore(
            topic,
            [...partitions].map(([partition, offset]) => ({ partition, offset })),
          );
        } catch (error) {
          options.log.warn({ err: error, topic }, 'purging consumed repartition records failed; retrying later');
          // Offsets committed meanwhile are newer and win.
          const retry = pending.get(topic) ?? new Map<number, string>();
          for (const [partition, offset] of partitions) if (!retry.has(partition)) retry.set(partition, offset);
          pending.set(topic, retry);
        }
      }
    },
  };
}
