import { createMemoryStore, type KeyedStore } from '@fp/keyed-state';
import { partitionForKey } from '@fp/partitioning';
import type { Topology } from '@fp/topology';
import type { SinkNode, SourceNode, TopologyNode } from '@fp/topology/internal';
import { StreamRuntimeError } from './errors';
import { InProcessCluster, type DeadLetter } from './in-process-cluster';
import type { LateRecordEvent } from './task';
import type { TaskCounters } from './task-counters';

export interface TestDriverOptions {
  /** Partitions per input and output topic (a number for all); default 1. */
  readonly partitions?: number | Readonly<Record<string, number>>;
  /** Processing time at start, in epoch ms (idleness only; event time comes from the records). */
  readonly startTimeMs?: number;
}

/** A decoded output record. */
export interface TestRecord<K = unknown, V = unknown> {
  readonly key: K;
  readonly value: V;
  readonly timestampMs: number;
  readonly partition: number;
}

/**
 * Runs a topology in-process, without a broker, like Kafka Streams' `TopologyTestDriver`: pipe
 * records into named inputs, move processing time, end the input, read outputs, late records,
 * dead letters and stores. Re-keyed records go through simulated repartition topics with Kafka's
 * partitioner, so results equal the Kafka runtime's for the same input.
 *
 * @remarks Synchronous: every `pipe` runs to completion before it returns.
 */
export interface TestDriver {
  /**
   * Appends a record to an input, named by its source step or its topic. The key picks the
   * partition (murmur2, as producers do); `timestampMs` is the Kafka record timestamp.
   */
  pipe(input: string, key: unknown, value: unknown, timestampMs?: number, partition?: number): void;
  /** Appends raw bytes, for decoding failures. */
  pipeBytes(input: string, key: Buffer | null, value: Buffer | null, timestampMs?: number, partition?: number): void;
  /** Moves processing time (idle inputs stop holding watermarks back after their `idleTimeoutMs`). */
  advanceTime(ms: number): void;
  /** Ends every input: watermarks go to +Infinity and every pending window fires. */
  endInput(): void;
  /** Records written by a sink step (named by step or topic), decoded with its serdes, in write order. */
  output<K = unknown, V = unknown>(sink: string): TestRecord<K, V>[];
  /** Records too late for all their windows, for one windowed step or all. */
  late(stepName?: string): LateRecordEvent[];
  deadLetters(): DeadLetter[];
  /** Committed-or-not entries of a stateful step's stores across tasks, by state key. */
  store(stepName: string): Promise<Map<string, unknown>>;
  counters(): TaskCounters;
  /** The lowest task watermark. */
  watermarkMs(): number;
}

const DEFAULT_PARTITIONS = 1;

export function createTestDriver(topology: Topology, options: TestDriverOptions = {}): TestDriver {
  let clockMs = options.startTimeMs ?? 0;
  const stores = new Map<string, KeyedStore<unknown>[]>();
  const lateRecords: LateRecordEvent[] = [];
  const partitionsOf = (topic: string): number => {
    const { partitions } = options;
    if (typeof partitions === 'number') return partitions;
    return partitions?.[topic] ?? DEFAULT_PARTITIONS;
  };
  const cluster = new InProcessCluster({
    topology,
    partitions: partitionsOf,
    now: () => clockMs,
    onLate: (event) => lateRecords.push(event),
    store: (_taskId, stepName) => {
      const store = createMemoryStore<unknown>({});
      stores.set(stepName, [...(stores.get(stepName) ?? []), store]);
      return store;
    },
  });
  const roundRobin = new Map<string, number>();

  function sourceFor(input: string): SourceNode {
    const node = topology.nodes.find(
      (candidate): candidate is SourceNode =>
        candidate.kind === 'source' && (candidate.name === input || candidate.options.topic === input),
    );
    if (!node) throw unknownStep(input, 'source', topology.nodes);
    return node;
  }

  function pickPartition(topic: string, key: Buffer | null, partition: number | undefined): number {
    if (partition !== undefined) return partition;
    const partitions = partitionsOf(topic);
    if (key !== null) return partitionForKey(key, partitions);
    const next = roundRobin.get(topic) ?? 0;
    roundRobin.set(topic, next + 1);
    return next % partitions;
  }

  function pipeBytes(
    input: string,
    key: Buffer | null,
    value: Buffer | null,
    timestampMs = clockMs,
    partition?: number,
  ): void {
    const { topic } = sourceFor(input).options;
    cluster.inject(topic, pickPartition(topic, key, partition), key, value, timestampMs);
  }

  return {
    pipe(input, key, value, timestampMs, partition) {
      const source = sourceFor(input);
      const keyBytes = key === null || key === undefined ? null : source.options.key.serialize(key);
      const valueBytes = value === null || value === undefined ? null : source.options.value.serialize(value);
      pipeBytes(input, keyBytes, valueBytes, timestampMs, partition);
    },
    pipeBytes,
    advanceTime(ms) {
      clockMs += ms;
      cluster.checkIdle();
    },
    endInput() {
      cluster.endOfInput();
    },
    output<K, V>(sink: string): TestRecord<K, V>[] {
      const node = topology.nodes.find(
        (candidate): candidate is SinkNode =>
          candidate.kind === 'sink' && (candidate.name === sink || candidate.options.topic === sink),
      );
      if (!node) throw unknownStep(sink, 'sink', topology.nodes);
      return cluster.outputs
        .filter((record) => record.topic === node.options.topic)
        .map((record) => ({
          key: (record.key === null ? null : node.options.key.deserialize(record.key)) as K,
          value: (record.value === null ? null : node.options.value.deserialize(record.value)) as V,
          timestampMs: record.timestampMs,
          partition: record.partition,
        }));
    },
    late(stepName) {
      return stepName === undefined ? [...lateRecords] : lateRecords.filter((event) => event.stepName === stepName);
    },
    deadLetters: () => [...cluster.deadLetters],
    async store(stepName) {
      const taskStores = stores.get(stepName);
      if (!taskStores) throw unknownStep(stepName, 'stateful', topology.nodes);
      const entries = new Map<string, unknown>();
      for (const store of taskStores) {
        for await (const [key, value] of store.scan()) entries.set(key, value);
      }
      return entries;
    },
    counters: () => cluster.counters(),
    watermarkMs: () => cluster.watermarkMs(),
  };
}

function unknownStep(name: string, kind: string, nodes: readonly TopologyNode[]): StreamRuntimeError {
  const known = nodes.map((node) => node.name).join(', ');
  return new StreamRuntimeError(
    'STREAM_RUNTIME_UNKNOWN_STEP',
    `no ${kind} step or topic named "${name}"; steps: ${known}`,
  );
}
