import { createDeadLetterHandler, type DeadLetterSink } from '@fp/dead-letters';
import type { BadRecordPolicy } from '@fp/errors';
import type { AnyFeatureView } from '@fp/feature-views';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { createKafkaSource, type RawRecordBatch, type TopicPartition } from '@fp/kafka-source';
import type { Logger } from '@fp/log';
import type { OfflineStore, ViewArchive } from '@fp/offline-store';
import type { Serde } from '@fp/serdes';
import { FeatureArchivingError } from './errors';
import { PartitionBuffer } from './partition-buffer';

/** One view to archive: its topic (a deployment may read another than the view's) and how its values decode. */
export interface ArchivedTopic {
  readonly view: AnyFeatureView;
  readonly topic: string;
  /** `prepare` (a registry serde's) runs once per batch before decoding, so decoding stays synchronous. */
  readonly serde: Serde<unknown> & { prepare?(payloads: readonly Buffer[]): Promise<void> };
}

export interface FeatureArchiverOptions {
  readonly connection: KafkaConnectionOptions;
  readonly groupId: string;
  readonly topics: readonly ArchivedTopic[];
  readonly store: OfflineStore;
  /** A partition's rows are archived once this many are buffered... */
  readonly flushRows: number;
  /** ...or once its oldest buffered record waited this long (processing time). */
  readonly flushIntervalMs: number;
  /** Records that do not decode or lack their entity key: `fail` (stop), `skip` or `dead-letter`. */
  readonly onBadRecord: BadRecordPolicy;
  readonly deadLetterTopic?: string;
  /** Required with `dead-letter`; flushed before offsets are committed. */
  readonly deadLetterSink?: DeadLetterSink & { flush(): Promise<void> };
  readonly log: Logger;
  readonly now?: () => number;
}

export interface FeatureArchiverCounts {
  readonly recordsIn: number;
  readonly rowsArchived: number;
  /** Records a part file already held (a replay after a crash): skipped, not written again. */
  readonly recordsAlreadyArchived: number;
  readonly tombstones: number;
  readonly skipped: number;
  readonly deadLettered: number;
  readonly appends: number;
  readonly filesWritten: number;
}

export interface FeatureArchiver {
  counts(): FeatureArchiverCounts;
  /** True once the group assigned partitions and the store was read back. */
  isReady(): boolean;
  /** Archives what is buffered, commits, leaves the group. */
  stop(): Promise<void>;
  /** Settles when the archiver stops; rejects when it failed. */
  readonly stopped: Promise<void>;
}

/**
 * Archives feature topics into the offline store as a consumer group: for each partition, rows
 * are buffered, appended to Parquet (durable before `append` returns), and only then are the
 * offsets committed. A crash loses nothing (uncommitted offsets are read again) and duplicates
 * nothing (rows a part file already holds are skipped; half-written appends are deleted on open).
 */
export async function startFeatureArchiver(options: FeatureArchiverOptions): Promise<FeatureArchiver> {
  const now = options.now ?? Date.now;
  const byTopic = new Map<string, { topic: ArchivedTopic; archive: ViewArchive<unknown> }>();
  for (const topic of options.topics) {
    if (byTopic.has(topic.topic)) {
      throw new FeatureArchivingError('FEATURE_ARCHIVING_INVALID_OPTIONS', `topic ${topic.topic} is archived twice`);
    }
    byTopic.set(topic.topic, { topic, archive: await options.store.openView(topic.view) });
  }
  const deadLetters = createDeadLetterHandler({
    policy: options.onBadRecord,
    ...(options.deadLetterTopic === undefined ? {} : { deadLetterTopic: options.deadLetterTopic }),
    ...(options.deadLetterSink === undefined ? {} : { sink: options.deadLetterSink }),
  });
  const buffers = new Map<string, PartitionBuffer<unknown>>();
  const counts = {
    recordsIn: 0,
    rowsArchived: 0,
    recordsAlreadyArchived: 0,
    tombstones: 0,
    appends: 0,
    filesWritten: 0,
  };
  let ready = false;
  // Appends and commits run one at a time: DuckDB has one connection, and offsets must follow files.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  const bufferOf = (topic: string, partition: number) => {
    const key = `${topic}/${partition}`;
    let buffer = buffers.get(key);
    if (buffer === undefined) buffers.set(key, (buffer = new PartitionBuffer(topic, partition)));
    return buffer;
  };

  async function archiveBuffer(buffer: PartitionBuffer<unknown>): Promise<void> {
    const batch = buffer.take();
    if (batch === undefined) return;
    const entry = byTopic.get(batch.topic)!;
    const result = await entry.archive.append(batch);
    counts.rowsArchived += result.rowsWritten;
    counts.appends++;
    counts.filesWritten += result.files.length;
    await options.deadLetterSink?.flush();
    await source.commit([
      { topic: batch.topic, partition: batch.partition, offset: (batch.lastOffset + 1n).toString() },
    ]);
    options.log.debug(
      { ...result, topic: batch.topic, partition: batch.partition, lastOffset: batch.lastOffset.toString() },
      'archived',
    );
  }

  const archiveDue = (force: boolean) =>
    serially(async () => {
      const nowMs = now();
      for (const buffer of buffers.values()) {
        if (buffer.isEmpty) continue;
        if (force || buffer.rowCount >= options.flushRows || buffer.ageMs(nowMs) >= options.flushIntervalMs) {
          await archiveBuffer(buffer);
        }
      }
    });

  async function handle(batch: RawRecordBatch): Promise<void> {
    const entry = byTopic.get(batch.topic);
    if (entry === undefined || batch.records.length === 0) return;
    const { archive, topic } = entry;
    await topic.serde.prepare?.(batch.records.flatMap((record) => (record.value === null ? [] : [record.value])));
    const rows = [];
    for (const record of batch.records) {
      counts.recordsIn++;
      const offset = BigInt(record.offset);
      if (archive.isArchived(batch.topic, batch.partition, offset)) {
        counts.recordsAlreadyArchived++;
        continue;
      }
      if (record.value === null) {
        counts.tombstones++;
        continue;
      }
      const decoded = deadLetters.decodeOrDeadLetter(record, (raw) => topic.serde.deserialize(raw.value!), 'decode');
      if (!decoded.isDecoded) continue;
      try {
        rows.push(
          archive.toArchivedRow(
            { topic: batch.topic, partition: batch.partition, offset, timestampMs: record.timestampMs },
            decoded.value,
          ),
        );
      } catch (error) {
        deadLetters.handleFailure(record, error, 'archive');
      }
    }
    const first = batch.records[0]!;
    const last = batch.records.at(-1)!;
    bufferOf(batch.topic, batch.partition).add(BigInt(first.offset), BigInt(last.offset), rows, now());
    await archiveDue(false);
  }

  const source = createKafkaSource({
    connection: options.connection,
    log: options.log,
    groupId: options.groupId,
    topics: [...byTopic.keys()],
    handler: handle,
    onAssigned: async (partitions: TopicPartition[]) => {
      // Another member may have archived these partitions since we last looked.
      for (const { archive } of byTopic.values()) {
        const discarded = await serially(() => archive.refresh());
        if (discarded.length > 0) options.log.warn({ discarded }, 'deleted files of unfinished appends');
      }
      ready = true;
      options.log.info({ partitions }, 'partitions assigned');
    },
    onRevoked: async (partitions: TopicPartition[]) => {
      const revoked = new Set(partitions.map((tp) => `${tp.topic}/${tp.partition}`));
      await serially(async () => {
        for (const [key, buffer] of buffers) if (revoked.has(key)) await archiveBuffer(buffer);
      });
      for (const key of revoked) buffers.delete(key);
    },
  });
  let failure: unknown;
  const timer = setInterval(
    () => {
      archiveDue(false).catch((error: unknown) => {
        failure ??= error;
        options.log.error({ err: error }, 'archiving failed; stopping');
        void source.stop();
      });
    },
    Math.max(50, Math.min(options.flushIntervalMs, 1_000)),
  );
  timer.unref();
  const stopped = source.stopped.then(
    () => {
      clearInterval(timer);
      if (failure !== undefined) throw failure;
    },
    (error: unknown) => {
      clearInterval(timer);
      throw error;
    },
  );
  await source.start();
  return {
    counts: () => {
      const bad = deadLetters.counts();
      return { ...counts, skipped: bad.skipped, deadLettered: bad.deadLettered };
    },
    isReady: () => ready,
    stop: async () => {
      clearInterval(timer);
      await source.stop();
    },
    stopped,
  };
}
