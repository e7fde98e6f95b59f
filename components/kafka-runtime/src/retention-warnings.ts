import { createKafkaAdmin, type KafkaAdmin } from '@fp/kafka-admin';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import type { Logger } from '@fp/log';
import type { Topology } from '@fp/topology';
import { inputTopicsOf, outputTopicsOf } from './topology-topics';

const DAY_MS = 86_400_000;

export interface RetentionCheckOptions {
  readonly connection: KafkaConnectionOptions;
  readonly deadLetterTopic?: string;
  readonly log: Logger;
  readonly now?: () => number;
}

/**
 * What the broker's time-based retention would delete of this run's data, one warning per topic
 * (also logged at `warn`). The runtime stamps outputs and dead letters with event time, and the
 * broker deletes a segment once its newest timestamp is older than `retention.ms` (checked every
 * `log.retention.check.interval.ms`, 5 min by default): a backfill of older data into an output
 * topic with `message.timestamp.type=CreateTime` and a finite retention is deleted minutes after it
 * is written. Inputs are checked for records already older than their topic's retention: those go
 * at the next check, read or not. Internal topics need no check: the runtime creates repartition
 * topics with `retention.ms=-1` and changelogs compacted. Topics that do not exist yet are skipped.
 */
export async function checkRetention(topology: Topology, options: RetentionCheckOptions): Promise<string[]> {
  const nowMs = (options.now ?? Date.now)();
  const admin = createKafkaAdmin({ connection: options.connection, log: options.log });
  const warnings: string[] = [];
  try {
    const existing = new Set(await admin.listTopics());
    const present = (topics: string[]) => topics.filter((topic) => existing.has(topic));
    for (const topic of present(outputTopicsOf(topology, options.deadLetterTopic))) {
      const retentionMs = await timeRetentionMs(admin, topic);
      if (retentionMs === undefined) continue;
      warnings.push(
        `output topic ${topic} deletes records older than retention.ms=${retentionMs} (${days(retentionMs)}) by their ` +
          `timestamp (message.timestamp.type=CreateTime), and outputs carry their event time: whatever this run writes ` +
          `for events before ${new Date(nowMs - retentionMs).toISOString()} is deleted within minutes; for a backfill ` +
          `set retention.ms=-1 (or longer than the data's age) or message.timestamp.type=LogAppendTime on ${topic}`,
      );
    }
    for (const topic of present(inputTopicsOf(topology))) {
      const retentionMs = await timeRetentionMs(admin, topic);
      if (retentionMs === undefined) continue;
      const [starts, cutoffs] = await Promise.all([
        admin.fetchStartOffsets(topic),
        admin.fetchOffsetsForTimestamp(topic, nowMs - retentionMs),
      ]);
      const expiring = cutoffs.filter(
        ({ partition, offset }) =>
          BigInt(offset) > BigInt(starts.find((start) => start.partition === partition)?.offset ?? offset),
      );
      if (expiring.length === 0) continue;
      warnings.push(
        `input topic ${topic} holds records older than its retention.ms=${retentionMs} (${days(retentionMs)}) in ` +
          `partitions ${expiring.map(({ partition }) => partition).join(', ')}: the broker deletes them at its next ` +
          `retention check, read or not; raise retention.ms on ${topic} until this run has read them`,
      );
    }
  } finally {
    await admin.close();
  }
  for (const warning of warnings) options.log.warn({ retention: true }, warning);
  return warnings;
}

/** The topic's `retention.ms` when the broker deletes its records by timestamp; undefined otherwise. */
async function timeRetentionMs(admin: KafkaAdmin, topic: string): Promise<number | undefined> {
  const configs = await admin.describeTopicConfigs(topic);
  const retentionMs = Number(configs['retention.ms'] ?? '-1');
  const deletes = (configs['cleanup.policy'] ?? 'delete').split(',').includes('delete');
  const byRecordTime = (configs['message.timestamp.type'] ?? 'CreateTime') === 'CreateTime';
  return deletes && byRecordTime && retentionMs >= 0 ? retentionMs : undefined;
}

function days(ms: number): string {
  return `${Number((ms / DAY_MS).toFixed(2))} days`;
}
