import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { createBoundedKafkaSource } from '@fp/kafka-source';
import type { ChangelogEntry, KeyedStore } from '@fp/keyed-state';
import type { Logger } from '@fp/log';
import {
  CHANGELOG_OFFSETS_HEADER,
  CHECKPOINT_METADATA_KEY,
  CHANGELOG_ORIGINS_HEADER,
  encodeOffsets,
  isBeyond,
  OFFSETS_METADATA_KEY,
  parseOffsets,
} from './checkpoint-offsets';
import { ORIGINS_METADATA_KEY } from './repartition-origins';

export interface ChangelogRestoreOptions {
  readonly connection: KafkaConnectionOptions;
  readonly log: Logger;
  /** An empty store (fresh or destroyed). */
  readonly store: KeyedStore<unknown>;
  readonly changelogTopic: string;
  readonly partition: number;
  /** The group's committed offsets of the task's inputs: the state to rebuild is the one they reflect. */
  readonly committed: ReadonlyMap<string, string>;
  /** Exactly-once: the number of the transaction that committed `committed`, recorded with the restored state. */
  readonly checkpointNumber?: number | undefined;
}

/**
 * Replays one changelog partition into a store, up to the end offset captured at start. Entries
 * written by a checkpoint that never committed its consumer offsets (tagged beyond `committed`)
 * are skipped: their input records will be processed again. Read `read_committed`: under
 * exactly-once, records of aborted transactions never were state. The store's metadata becomes the
 * committed offsets, which is where the task resumes.
 */
export async function restoreFromChangelog(
  options: ChangelogRestoreOptions,
): Promise<{ applied: number; skipped: number }> {
  let applied = 0;
  let skipped = 0;
  /** The newest entry's: it was written with the positions of the latest checkpoint kept. */
  let originsTag: Buffer | undefined;
  const source = createBoundedKafkaSource({
    connection: options.connection,
    log: options.log,
    topics: [options.changelogTopic],
    partitions: [options.partition],
    isolationLevel: 'read_committed',
    // Each fetched batch goes straight to the store: memory stays flat however large the state.
    handler: async (batch) => {
      const entries: ChangelogEntry[] = [];
      for (const record of batch.records) {
        const tag = record.headers[CHANGELOG_OFFSETS_HEADER];
        if (tag !== undefined && !Array.isArray(tag) && isBeyond(parseOffsets(tag as Buffer), options.committed)) {
          skipped++;
          continue;
        }
        if (record.key === null) continue;
        entries.push({ key: record.key.toString('utf8'), value: record.value });
        const tagged = record.headers[CHANGELOG_ORIGINS_HEADER];
        if (tagged !== undefined && !Array.isArray(tagged)) originsTag = tagged as Buffer;
      }
      applied += entries.length;
      await options.store.restore(entries);
    },
  });
  await source.run();
  // The metadata last: a crash before it leaves the old (behind) metadata, so the restore is redone.
  await options.store.restore([], {
    [OFFSETS_METADATA_KEY]: encodeOffsets(options.committed),
    ...(originsTag === undefined ? {} : { [ORIGINS_METADATA_KEY]: originsTag.toString() }),
    ...(options.checkpointNumber === undefined ? {} : { [CHECKPOINT_METADATA_KEY]: String(options.checkpointNumber) }),
  });
  options.log.info(
    { changelogTopic: options.changelogTopic, partition: options.partition, applied, skipped },
    'restored from changelog',
  );
  return { applied, skipped };
}
