import { toError } from '@fp/errors';
import type { KafkaSink, TransactionalKafkaSink } from '@fp/kafka-sink';
import type { KafkaSource, TopicPartitionOffset } from '@fp/kafka-source';
import type { Logger } from '@fp/log';
import type { Topology } from '@fp/topology';
import { produceChangelogSnapshot } from './changelog-snapshot';
import type { RepartitionPurger } from './repartition-purge';
import { consumedOffsets, type TaskRuntime } from './task-runtime';

/**
 * Named points inside a checkpoint, for fault-injection tests (`StreamingRunOptions.onCheckpointStep`):
 * `snapshot-taken` (changelog records queued, nothing committed yet), `transaction-committed`
 * (exactly-once: the transaction committed, the local state not yet written), `state-committed`
 * (at-least-once: the local state written, the consumer offsets not yet committed).
 */
export type CheckpointStep = 'snapshot-taken' | 'transaction-committed' | 'state-committed';

export interface CheckpointerContext {
  readonly topology: Topology;
  readonly tasks: ReadonlyMap<string, TaskRuntime>;
  readonly sink: KafkaSink;
  readonly source: Pick<KafkaSource, 'commit'>;
  readonly purger: RepartitionPurger;
  readonly log: Logger;
  readonly now: () => number;
  readonly isExactlyOnce: boolean;
  readonly commitIntervalMs: number;
  readonly onStep?: ((step: CheckpointStep) => void) | undefined;
}

/**
 * Checkpoints, serialized (a revocation never interleaves with a periodic one), one path per guarantee:
 *
 * - at-least-once (`checkpointAtLeastOnce`): snapshot, flush, store commits, offset commit;
 * - exactly-once (`checkpointTransaction`): per task, one transaction of everything, then the store commit.
 */
export function createCheckpointer(context: CheckpointerContext) {
  const { topology, tasks, sink, log, now, isExactlyOnce } = context;
  let chain: Promise<void> = Promise.resolve();
  /** Checkpoints asked for and not yet settled. */
  let pending = 0;
  let lastAtMs = now();
  const stats = { checkpoints: 0, lastDurationMs: 0, stateBytes: 0 };

  /**
   * At-least-once. Everything the checkpoint covers is taken in one synchronous step between two
   * batches (consumed offsets, the stores' changelog snapshots, the repartition origins), so
   * batches processed while it waits for the broker and the disk belong to the next one. The state
   * is written before the offsets: a crash between the two leaves it ahead, never behind.
   */
  async function checkpointAtLeastOnce(): Promise<TopicPartitionOffset[]> {
    const runtimes = [...tasks.values()];
    const consumed = runtimes.flatMap((runtime) => consumedOffsets(runtime));
    const snapshots = runtimes.map((runtime) => ({ runtime, ...produceChangelogSnapshot(topology, runtime, sink) }));
    context.onStep?.('snapshot-taken');
    // Outputs and changelog records up to the snapshot; not those sent after it.
    await sink.flush();
    for (const { runtime, metadata } of snapshots) {
      for (const store of runtime.stores.values()) await store.commit(metadata);
    }
    context.onStep?.('state-committed');
    return consumed.length > 0 ? commitConsumed(consumed) : [];
  }

  /**
   * The at-least-once offset commit; returns the offsets the group has now (none when it could not
   * commit). A member outside its group (kafkajs rejoining after a broker restart) cannot commit:
   * that is said, not thrown. Nothing is lost: the stores committed these offsets with their
   * state, where this member's tasks resume; another member would replay from the group's last
   * commit. Repartition records are purged only below offsets the group has.
   */
  async function commitConsumed(consumed: TopicPartitionOffset[]): Promise<TopicPartitionOffset[]> {
    try {
      await context.source.commit(consumed);
      return consumed;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'KAFKA_SOURCE_NOT_IN_GROUP') throw error;
      log.warn(
        { err: error },
        'consumer offsets not committed (not a group member now): the local state holds them; tasks resume there, another member would replay from the last commit',
      );
      return [];
    }
  }

  /**
   * Exactly-once, per task: outputs, repartition records, markers and dead letters are already in
   * the task's open transaction; the changelog records and the consumed offsets join it, all commit
   * atomically under a new transaction number, then the local state is written with that number and
   * the next transaction opens. A zombie (fenced by a newer producer of the task) fails here.
   */
  async function checkpointTransaction(runtime: TaskRuntime): Promise<TopicPartitionOffset[]> {
    const transactions = runtime.transactions as TransactionalKafkaSink;
    const checkpointNumber = runtime.checkpointNumber + 1;
    const { metadata } = produceChangelogSnapshot(topology, runtime, transactions, checkpointNumber);
    const consumed = consumedOffsets(runtime, checkpointNumber);
    context.onStep?.('snapshot-taken');
    if (consumed.length > 0) await transactions.sendOffsets(topology.name, consumed);
    await transactions.commit();
    runtime.checkpointNumber = checkpointNumber;
    context.onStep?.('transaction-committed');
    for (const store of runtime.stores.values()) await store.commit(metadata);
    await transactions.beginTransaction();
    return consumed;
  }

  async function measureStateBytes(): Promise<number> {
    let total = 0;
    for (const runtime of tasks.values()) {
      for (const store of runtime.stores.values()) total += await store.approximateSizeBytes();
    }
    return total;
  }

  async function run(reason: string): Promise<void> {
    const startedMs = now();
    for (const runtime of tasks.values()) runtime.markers.flush(runtime.transactions ?? sink);
    const consumed: TopicPartitionOffset[] = [];
    if (isExactlyOnce) {
      for (const runtime of tasks.values()) consumed.push(...(await checkpointTransaction(runtime)));
    } else {
      consumed.push(...(await checkpointAtLeastOnce()));
    }
    await context.purger.committed(consumed);
    stats.stateBytes = await measureStateBytes();
    stats.checkpoints++;
    lastAtMs = now();
    stats.lastDurationMs = lastAtMs - startedMs;
    log.debug({ reason, durationMs: stats.lastDurationMs, partitions: consumed.length }, 'checkpoint');
  }

  return {
    stats,
    /** Runs a checkpoint after those already asked for. */
    checkpoint(reason: string): Promise<void> {
      // Counted from when it is asked for: a batch finishing meanwhile must not chain a second one.
      lastAtMs = now();
      pending++;
      chain = chain.then(() => run(reason));
      const settled = (): void => {
        pending--;
      };
      chain.then(settled, settled);
      return chain;
    },
    /** A checkpoint nobody awaits, unless one is pending already; `onFailure` hears why it failed. */
    inBackground(reason: string, onFailure: (error: Error) => void): void {
      if (pending > 0) return;
      this.checkpoint(reason).catch((error: unknown) => onFailure(toError(error)));
    },
    /** Settles once every checkpoint asked for so far settled. */
    settled: (): Promise<void> => chain,
    isPending: (): boolean => pending > 0,
    isDue: (): boolean => now() - lastAtMs >= context.commitIntervalMs,
  };
}

export type Checkpointer = ReturnType<typeof createCheckpointer>;
