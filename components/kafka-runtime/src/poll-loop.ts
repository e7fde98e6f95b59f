import type { KafkaSink } from '@fp/kafka-sink';
import type { RawRecordBatch } from '@fp/kafka-source';
import type { Topology } from '@fp/topology';
import type { SubTopology } from '@fp/topology/internal';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Checkpointer } from './checkpointer';
import { KafkaRuntimeError } from './errors';
import { ORIGIN_HEADER } from './repartition-origins';
import { inputKey, type TaskRuntime } from './task-runtime';
import { readWatermarkMarker } from './watermark-marker';

/** How often idle inputs and due checkpoints are looked at between batches (processing time). */
const IDLE_CHECK_INTERVAL_MS = 1_000;

export interface PollLoopContext {
  readonly topology: Topology;
  readonly tasks: ReadonlyMap<string, TaskRuntime>;
  readonly sink: KafkaSink;
  readonly checkpointer: Checkpointer;
  readonly isExactlyOnce: boolean;
  readonly maxPendingOutputRecords: number;
  readonly commitIntervalMs: number;
  /** Before decoding: fetches writer schemas a batch needs (once per batch). */
  readonly prepareSerdes: (batch: RawRecordBatch) => Promise<void>;
  /** True once the run is stopping: no new background checkpoint starts. */
  readonly isStopping: () => boolean;
  /** A background checkpoint failed: the run must stop. */
  readonly onCheckpointFailed: (error: Error) => void;
}

/**
 * What happens between checkpoints: each fetched batch goes to the task reading it, watermark
 * markers follow, and a checkpoint starts when one is due; a timer does the same for idle inputs.
 */
export function createPollLoop(context: PollLoopContext) {
  const { topology, tasks, sink, checkpointer, isExactlyOnce } = context;
  const lag = new Map<string, number>();
  let replayedRepartitionRecords = 0;
  let batchesDuringCheckpoints = 0;

  const subTopologyReading = (topic: string): SubTopology | undefined =>
    topology.subTopologies.find((subTopology) => subTopology.inputTopics.includes(topic));

  const flushMarkers = (): void => {
    for (const runtime of tasks.values()) runtime.markers.flush(runtime.transactions ?? sink);
  };

  function checkpointInBackground(): void {
    if (!context.isStopping()) checkpointer.inBackground('interval', context.onCheckpointFailed);
  }

  function processBatch(batch: RawRecordBatch): void {
    const subTopology = subTopologyReading(batch.topic);
    const runtime = subTopology ? tasks.get(`${subTopology.id}_${batch.partition}`) : undefined;
    if (!runtime) {
      throw new KafkaRuntimeError(
        'KAFKA_RUNTIME_INVALID_OPTIONS',
        `received ${batch.topic}[${batch.partition}] but no task of this member reads it`,
      );
    }
    const isStateful = runtime.stores.size > 0;
    for (const record of batch.records) {
      runtime.origins.startRecord(record.topic, record.partition, record.offset);
      const marker = readWatermarkMarker(record.headers);
      if (marker) runtime.task.watermarkMarker(record.topic, marker.fromTaskId, marker.watermarkMs);
      else if (!isStateful || runtime.origins.isNew(singleHeader(record.headers[ORIGIN_HEADER]), record.topic))
        runtime.task.process(record);
      else replayedRepartitionRecords++;
    }
    runtime.origins.endRecord();
    advancePosition(
      runtime,
      batch.topic,
      batch.partition,
      batch.lastOffset ?? batch.records.at(-1)?.offset,
      batch.highWatermark,
    );
  }

  /**
   * The next offset to read is after the batch's last offset, control records (transaction
   * markers) included: committed there, a read_committed group shows no lag once caught up.
   */
  function advancePosition(
    runtime: TaskRuntime,
    topic: string,
    partition: number,
    lastOffset: string | undefined,
    highWatermark: string,
  ): void {
    if (lastOffset === undefined) return;
    const next = (BigInt(lastOffset) + 1n).toString();
    const input = inputKey(topic, partition);
    const current = runtime.offsets.get(input);
    if (current !== undefined && BigInt(current) >= BigInt(next)) return;
    runtime.offsets.set(input, next);
    lag.set(`${topic}[${partition}]`, Number(BigInt(highWatermark) - BigInt(next)));
  }

  async function onBatch(batch: RawRecordBatch): Promise<void> {
    // One event-loop turn per batch: kafkajs hands over a fetch's batches back to back in
    // microtasks, so without it no produce acknowledgement, fetch response or timer is handled
    // until the whole fetch (a dozen batches) is processed, and the producer falls behind.
    await yieldToEventLoop();
    await context.prepareSerdes(batch);
    // With exactly-once, never process while a checkpoint is between its steps: records sent then
    // would join a transaction whose consumed offsets are already fixed. Awaited last, right
    // before processing, so a checkpoint the idle timer started meanwhile is waited for too.
    // With at-least-once, processing goes on while a checkpoint waits (see the checkpointer).
    if (isExactlyOnce) await checkpointer.settled();
    else if (checkpointer.isPending()) batchesDuringCheckpoints++;
    processBatch(batch);
    flushMarkers();
    if (sink.pendingCount > context.maxPendingOutputRecords) await sink.flush();
    if (!checkpointer.isDue()) return;
    if (isExactlyOnce) await checkpointer.checkpoint('interval');
    else checkpointInBackground();
  }

  /** A fetch that held only transaction markers or aborted records: nothing to process, but the position moves. */
  function onSkipped(topic: string, partition: number, lastOffset: string, highWatermark: string): void {
    const subTopology = subTopologyReading(topic);
    const runtime = subTopology ? tasks.get(`${subTopology.id}_${partition}`) : undefined;
    // Safe at any time, even with exactly-once while a transaction commits: no record is skipped.
    if (runtime) advancePosition(runtime, topic, partition, lastOffset, highWatermark);
  }

  // Between batches: idle inputs, their markers, and checkpoints when no batch comes to trigger one
  // (with exactly-once, downstream tasks see nothing until a checkpoint commits the transaction).
  const idleTimer = setInterval(
    () => {
      // With exactly-once, a task's sink has no open transaction between a checkpoint's commit and
      // the next begin: markers or windows fired by an idle input would throw there. Next tick.
      if (isExactlyOnce && checkpointer.isPending()) return;
      for (const runtime of tasks.values()) runtime.task.checkIdle();
      flushMarkers();
      if (checkpointer.isDue()) checkpointInBackground();
    },
    Math.min(IDLE_CHECK_INTERVAL_MS, context.commitIntervalMs),
  );
  idleTimer.unref();

  return {
    onBatch,
    onSkipped,
    stopTimer: (): void => clearInterval(idleTimer),
    /** The partitions of a closed task go to another member, which reports their lag from now on. */
    forget(runtime: TaskRuntime): void {
      for (const topic of runtime.subTopology.inputTopics) lag.delete(`${topic}[${runtime.partition}]`);
    },
    metrics: () => ({ consumerLag: Object.fromEntries(lag), replayedRepartitionRecords, batchesDuringCheckpoints }),
  };
}

function singleHeader(value: Buffer | readonly Buffer[] | undefined): Buffer | undefined {
  return Array.isArray(value) ? (value[0] as Buffer | undefined) : (value as Buffer | undefined);
}
