import { openLevelStore, type KeyedStore } from '@fp/keyed-state';
import { partitionForKey } from '@fp/partitioning';
import type { Topology } from '@fp/topology';
import type { SinkNode, SourceNode } from '@fp/topology/internal';
import avro from 'avsc';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { StreamRuntimeError } from './errors';
import { InProcessCluster, type DeadLetter, type OutputRecord } from './in-process-cluster';
import { planPartitions } from './partition-plan';
import type { RawRecord } from './raw-record';
import type { LateRecordEvent } from './task';
import type { TaskCounters } from './task-counters';

/** One decoded input record; the source's serdes encode it, as a producer would have. */
export interface LocalRecord {
  readonly key?: unknown;
  readonly value: unknown;
  /** The record timestamp (default 0); event time still comes from the source's `timestamp`. */
  readonly timestampMs?: number;
}

/** A finite input: in-memory records, a JSON-lines file (`{"key","value","timestampMs"}` per line) or an Avro container file of values. */
export type LocalInput =
  { readonly records: Iterable<LocalRecord> } | { readonly file: string; readonly format: 'json-lines' | 'avro' };

export interface LocalRunOptions {
  /** Inputs by source step name or topic. Every source needs one. */
  readonly inputs: Readonly<Record<string, LocalInput>>;
  /** LevelDB directory for state; default a temporary one, deleted at the end. */
  readonly stateDir?: string;
  /** Partitions per topic (a number for all); default 1. */
  readonly partitions?: number | Readonly<Record<string, number>>;
  /** Called every `progressEvery` input records, for long runs. */
  readonly onProgress?: (recordsRead: number) => void;
  readonly progressEvery?: number;
  /**
   * Commits every store after this many input records (and once more at the end of input), so
   * uncommitted state stays bounded and memory does not grow with the key space. Default 100,000.
   */
  readonly checkpointEveryRecords?: number;
  /**
   * Also commits once the stores hold more uncommitted entries than this (looked at after every
   * batch): with many distinct keys, memory is bounded by the entries, not the records.
   * Default 20,000. A checkpoint is written while the next batches run, so up to twice this many
   * are uncommitted while it is.
   */
  readonly maxDirtyEntries?: number;
  /**
   * Input records run as one batch (default 1,000). Watermark markers between tasks are sent
   * once per batch, as the Kafka runtime sends them once per fetched batch: a record is judged
   * late against the watermark downstream tasks had when its batch began. 1 gives the test
   * driver's record-by-record watermarks.
   */
  readonly batchRecords?: number;
  /**
   * Default false: repartition records reach the next task decoded, skipping their serde round
   * trip (see `InProcessClusterOptions.serializeRepartitions`). True runs the serdes as Kafka
   * would, to check that every value survives them.
   */
  readonly serializeRepartitions?: boolean;
  /**
   * Receives each decoded output record as it is written; `outputs` then stays empty, so a long
   * run keeps no output in memory.
   */
  readonly onOutput?: (topic: string, record: LocalOutputRecord) => void;
}

/** An output record, decoded with its sink's serdes. */
export interface LocalOutputRecord {
  readonly key: unknown;
  readonly value: unknown;
  readonly timestampMs: number;
  readonly partition: number;
}

export interface LocalRunResult {
  /** Decoded records per output topic, in write order. */
  readonly outputs: Readonly<Record<string, LocalOutputRecord[]>>;
  readonly late: readonly LateRecordEvent[];
  readonly deadLetters: readonly DeadLetter[];
  readonly counters: TaskCounters;
  readonly recordsRead: number;
}

const DEFAULT_PROGRESS_EVERY = 100_000;
/** Uncommitted writes kept at most about this many input records: bounded memory, few fsyncs. */
const DEFAULT_CHECKPOINT_EVERY_RECORDS = 100_000;
/**
 * Bounds memory when every record writes a new key (the state-scale bench's 10M distinct keys
 * peaked far lower with this than with a commit every 100,000 records); pipelines with few hot
 * keys never reach it.
 */
const DEFAULT_MAX_DIRTY_ENTRIES = 20_000;
/**
 * Records per batch: downstream watermarks move once per batch, as in the streaming runtime, so
 * a record costs no watermark marker per reading task; small enough to keep memory flat.
 */
const DEFAULT_BATCH_RECORDS = 1_000;

/**
 * Runs a topology to completion over finite inputs with LevelDB state, checkpointing every store
 * every `checkpointEveryRecords` input records, then ends the input (all windows fire),
 * checkpoints every store with the offsets it reflects, and returns what was written. For
 * `development/` scripts, backfills from files and the embedded demo; it computes what the test
 * driver and the Kafka runtime compute for the same records, up to which out-of-order records
 * are late: watermarks cross repartitions once per batch (`batchRecords`), as on Kafka.
 *
 * Inputs are read one after another in the order given; within an input, in record order.
 */
export async function runLocal(topology: Topology, options: LocalRunOptions): Promise<LocalRunResult> {
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), `fp-${topology.name}-`)));
  const stores = new Map<string, KeyedStore<unknown>>();
  try {
    const late: LateRecordEvent[] = [];
    const partitionsOf = (topic: string) =>
      typeof options.partitions === 'number' ? options.partitions : (options.partitions?.[topic] ?? 1);
    for (const { taskId, stores: stepNames } of planPartitions(topology, partitionsOf).tasks) {
      for (const stepName of stepNames) {
        stores.set(`${taskId}/${stepName}`, await openLevelStore<unknown>({ path: join(stateDir, taskId, stepName) }));
      }
    }
    const sinks = sinksByTopic(topology);
    const onOutput = options.onOutput;
    const cluster = new InProcessCluster({
      topology,
      partitions: partitionsOf,
      now: () => 0,
      onLate: (event) => late.push(event),
      store: (taskId, stepName) => stores.get(`${taskId}/${stepName}`) as KeyedStore<unknown>,
      serializeRepartitions: options.serializeRepartitions ?? false,
      ...(onOutput === undefined
        ? {}
        : {
            onOutput: (record: OutputRecord) => {
              const sink = sinks.get(record.topic);
              if (sink) onOutput(record.topic, decodeOutput(sink, record));
            },
          }),
    });
    await cluster.restore();

    let recordsRead = 0;
    const progressEvery = options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
    const checkpointEvery = options.checkpointEveryRecords ?? DEFAULT_CHECKPOINT_EVERY_RECORDS;
    if (!Number.isSafeInteger(checkpointEvery) || checkpointEvery <= 0) {
      throw new StreamRuntimeError(
        'STREAM_RUNTIME_INVALID_OPTIONS',
        `checkpointEveryRecords must be a positive integer, got ${String(options.checkpointEveryRecords)}`,
      );
    }
    const maxDirtyEntries = options.maxDirtyEntries ?? DEFAULT_MAX_DIRTY_ENTRIES;
    if (!Number.isSafeInteger(maxDirtyEntries) || maxDirtyEntries <= 0) {
      throw new StreamRuntimeError(
        'STREAM_RUNTIME_INVALID_OPTIONS',
        `maxDirtyEntries must be a positive integer, got ${String(options.maxDirtyEntries)}`,
      );
    }
    const batchRecords = options.batchRecords ?? DEFAULT_BATCH_RECORDS;
    if (!Number.isSafeInteger(batchRecords) || batchRecords <= 0) {
      throw new StreamRuntimeError(
        'STREAM_RUNTIME_INVALID_OPTIONS',
        `batchRecords must be a positive integer, got ${String(options.batchRecords)}`,
      );
    }
    let recordsAtCheckpoint = 0;
    let nextProgressAt = progressEvery;
    /**
     * The checkpoint being written: the stores write (and fsync) their snapshots while the next
     * batches run, as the Kafka runtime's at-least-once checkpoints do. One at a time.
     */
    let written: Promise<void> = Promise.resolve();
    let isWriting = false;
    const isCheckpointDue = (): boolean => {
      if (recordsRead - recordsAtCheckpoint >= checkpointEvery) return true;
      let dirty = 0;
      for (const store of stores.values()) dirty += store.dirtyCount;
      // A snapshot being written still counts as uncommitted: allow as many new entries on top.
      return dirty > (isWriting ? 2 : 1) * maxDirtyEntries;
    };
    const checkpoint = async (name: string): Promise<void> => {
      await written;
      recordsAtCheckpoint = recordsRead;
      // A commit writes the state as of its call: the next batches' writes go to the next checkpoint.
      const commits = [...stores].map(([storeName, store]) =>
        store.commit({ checkpoint: name, recordsRead: String(recordsRead), store: storeName }),
      );
      isWriting = true;
      written = Promise.all(commits)
        .then(() => undefined)
        .finally(() => {
          isWriting = false;
        });
      // Awaited by the next checkpoint or the end; until then a failure must not count as unhandled.
      written.catch(() => undefined);
    };
    const batch: RawRecord[] = [];
    /** Runs the records gathered so far as one batch, then checkpoints if one is due. */
    const runBatch = async (): Promise<void> => {
      if (batch.length === 0) return;
      cluster.injectBatch(batch);
      recordsRead += batch.length;
      batch.length = 0;
      while (recordsRead >= nextProgressAt) {
        options.onProgress?.(nextProgressAt);
        nextProgressAt += progressEvery;
      }
      if (isCheckpointDue()) await checkpoint('periodic');
    };
    // A batch never spans a checkpoint interval.
    const batchLimit = Math.min(batchRecords, checkpointEvery);
    /** Next offset per input topic partition (two inputs may name one topic). */
    const nextOffsetsByTopic = new Map<string, number[]>();
    for (const [input, spec] of Object.entries(options.inputs)) {
      const source = sourceFor(topology, input);
      const { topic } = source.options;
      const partitions = partitionsOf(topic);
      const nextOffsets = nextOffsetsByTopic.get(topic) ?? new Array<number>(partitions).fill(0);
      nextOffsetsByTopic.set(topic, nextOffsets);
      let roundRobin = 0;
      const gather = (record: LocalRecord): boolean => {
        const key = record.key === null || record.key === undefined ? null : source.options.key.serialize(record.key);
        const value =
          record.value === null || record.value === undefined ? null : source.options.value.serialize(record.value);
        const partition = key === null ? roundRobin++ % partitions : partitionForKey(key, partitions);
        const offset = nextOffsets[partition] as number;
        nextOffsets[partition] = offset + 1;
        batch.push({ topic, partition, offset: String(offset), key, value, timestampMs: record.timestampMs ?? 0 });
        return batch.length >= batchLimit;
      };
      // In-memory records are iterated synchronously: `for await` would cost a promise per record.
      const records = 'records' in spec ? spec.records : undefined;
      if (records !== undefined) {
        for (const record of records) if (gather(record)) await runBatch();
      } else {
        for await (const record of readInput(spec)) if (gather(record)) await runBatch();
      }
      await runBatch();
    }
    cluster.endOfInput();
    await checkpoint('end-of-input');
    await written;
    return {
      outputs: decodeOutputs(topology, cluster),
      late,
      deadLetters: cluster.deadLetters,
      counters: cluster.counters(),
      recordsRead,
    };
  } finally {
    for (const store of stores.values()) await store.close();
    if (options.stateDir === undefined) await rm(stateDir, { recursive: true, force: true });
  }
}

function sourceFor(topology: Topology, input: string): SourceNode {
  const node = topology.nodes.find(
    (candidate): candidate is SourceNode =>
      candidate.kind === 'source' && (candidate.name === input || candidate.options.topic === input),
  );
  if (!node) {
    const sources = topology.nodes.flatMap((candidate) => (candidate.kind === 'source' ? [candidate.name] : []));
    throw new StreamRuntimeError(
      'STREAM_RUNTIME_UNKNOWN_STEP',
      `no source step or topic named "${input}"; sources: ${sources.join(', ')}`,
    );
  }
  return node;
}

async function* readInput(input: LocalInput): AsyncIterable<LocalRecord> {
  if ('records' in input) {
    yield* input.records;
    return;
  }
  if (input.format === 'avro') {
    for await (const value of avro.createFileDecoder(input.file) as AsyncIterable<unknown>) {
      yield { value };
    }
    return;
  }
  const lines = createInterface({ input: createReadStream(input.file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as LocalRecord;
    } catch (error) {
      throw new StreamRuntimeError(
        'STREAM_RUNTIME_INVALID_OPTIONS',
        `${input.file}:${lineNumber} is not a JSON object: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
}

function sinksByTopic(topology: Topology): Map<string, SinkNode> {
  return new Map(
    topology.nodes.filter((node): node is SinkNode => node.kind === 'sink').map((node) => [node.options.topic, node]),
  );
}

function decodeOutput(sink: SinkNode, record: OutputRecord): LocalOutputRecord {
  return {
    key: record.key === null ? null : sink.options.key.deserialize(record.key),
    value: record.value === null ? null : sink.options.value.deserialize(record.value),
    timestampMs: record.timestampMs,
    partition: record.partition,
  };
}

function decodeOutputs(topology: Topology, cluster: InProcessCluster): LocalRunResult['outputs'] {
  const sinks = sinksByTopic(topology);
  const outputs: Record<string, LocalOutputRecord[]> = {};
  for (const record of cluster.outputs) {
    const sink = sinks.get(record.topic);
    if (!sink) continue;
    (outputs[record.topic] ??= []).push(decodeOutput(sink, record));
  }
  return outputs;
}
