import type { KeyedStore } from '@fp/keyed-state';
import { partitionForKey } from '@fp/partitioning';
import type { Topology } from '@fp/topology';
import { StreamRuntimeError } from './errors';
import { planPartitions, upstreamTaskCount, type PartitionPlan } from './partition-plan';
import type { RawRecord, TaskOutput } from './raw-record';
import { createTask, type DecodedRecord, type LateRecordEvent, type Task } from './task';
import { sumCounters, type TaskCounters } from './task-counters';

/** A record written to an output topic, still as bytes. */
export interface OutputRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestampMs: number;
}

export interface DeadLetter {
  readonly record: RawRecord;
  readonly error: Error;
  readonly stepName: string;
}

export interface InProcessClusterOptions {
  readonly topology: Topology;
  /** Partitions of an input or output topic (repartition topics follow their writers). */
  readonly partitions: (topic: string) => number;
  /** The store of a stateful step of a task (`<subTopology>_<partition>`). */
  readonly store: (taskId: string, stepName: string) => KeyedStore<unknown>;
  readonly now: () => number;
  readonly onLate?: (event: LateRecordEvent) => void;
  /** Receives each record written to an output topic; when absent, `outputs` collects them. */
  readonly onOutput?: (record: OutputRecord) => void;
  /** Receives each dead letter; when absent, `deadLetters` collects them. */
  readonly onDeadLetter?: (deadLetter: DeadLetter) => void;
  /**
   * Default true: repartition keys and values go through their serdes, as on Kafka, so a value
   * the serde cannot write fails here too (what tests want). False hands the decoded key and value
   * to the reading task (partitioning still hashes the serialized key): for bounded runs and
   * benchmarks of plain-data pipelines, where the round trip is pure cost. The downstream steps
   * then see the very objects the upstream emitted, so they must not mutate them.
   */
  readonly serializeRepartitions?: boolean;
}

type QueuedEvent =
  | { readonly kind: 'record'; readonly task: Task; readonly record: RawRecord }
  | ({ readonly kind: 'decoded'; readonly task: Task } & DecodedRecord)
  | {
      readonly kind: 'markers';
      /** Every reader of the topic, in partition order: one event instead of one per reader. */
      readonly tasks: readonly Task[];
      readonly topic: string;
      readonly fromTaskId: string;
      readonly watermarkMs: number;
    };

/**
 * Every task of a topology in one process, wired by in-memory topics: repartition records and
 * watermark markers travel through a FIFO queue exactly as they would through Kafka partitions
 * (same partitioner, same per-upstream-task watermarks), so results match the Kafka runtime's.
 * Used by the test driver and the bounded local runner.
 */
export class InProcessCluster {
  readonly outputs: OutputRecord[] = [];
  readonly deadLetters: DeadLetter[] = [];
  private readonly tasks = new Map<string, Task>();
  private readonly tasksByInputTopic = new Map<string, Task[]>();
  private readonly plan: PartitionPlan;
  /** Next offset per topic, indexed by partition. */
  private readonly offsets = new Map<string, number[]>();
  /** A FIFO consumed from `queueHead`: `shift()` would move every queued event per event. */
  private readonly queue: QueuedEvent[] = [];
  private queueHead = 0;
  private isDraining = false;
  /**
   * While `injectBatch` runs: the latest watermark of each upstream task per repartition topic,
   * sent as one marker each when the batch ends (as the Kafka runtime writes them once per batch)
   * instead of one marker per record to every reading task.
   */
  private batchMarkers: Map<string, Map<string, number>> | undefined;

  constructor(private readonly options: InProcessClusterOptions) {
    const { topology } = options;
    this.plan = planPartitions(topology, options.partitions);
    for (const subTopology of topology.subTopologies) {
      const partitions = this.plan.subTopologyPartitions.get(subTopology.id) ?? 1;
      for (let partition = 0; partition < partitions; partition++) {
        const task = createTask({
          topology,
          subTopology,
          partition,
          repartitionPartitions: (topic) => this.partitionsOf(topic),
          upstreamTasks: (topic) => upstreamTaskCount(topology, this.plan, topic),
          store: (stepName) => options.store(`${subTopology.id}_${partition}`, stepName),
          output: this.outputFor(),
          now: options.now,
          ...(options.onLate ? { onLate: options.onLate } : {}),
          ...(options.serializeRepartitions === false ? { sendDecoded: this.sendDecoded } : {}),
        });
        this.tasks.set(task.id, task);
        for (const topic of subTopology.inputTopics) {
          const readers = this.tasksByInputTopic.get(topic) ?? [];
          readers[partition] = task;
          this.tasksByInputTopic.set(topic, readers);
        }
      }
    }
  }

  /** Source topics every task reads, for `endOfInput`. */
  get sourceTopics(): string[] {
    return this.options.topology.nodes.flatMap((node) => (node.kind === 'source' ? [node.options.topic] : []));
  }

  get taskIds(): string[] {
    return [...this.tasks.keys()];
  }

  counters(): TaskCounters {
    return sumCounters([...this.tasks.values()].map((task) => task.counters));
  }

  watermarkMs(): number {
    return Math.min(...[...this.tasks.values()].map((task) => task.watermarkMs()));
  }

  async restore(): Promise<void> {
    for (const task of this.tasks.values()) await task.restore();
  }

  partitionsOf(topic: string): number {
    const reader = this.plan.repartitionReaders.get(topic);
    if (reader !== undefined) return this.plan.subTopologyPartitions.get(reader) ?? 1;
    return this.options.partitions(topic);
  }

  /** Appends a record to an input topic partition and runs everything it causes. */
  inject(topic: string, partition: number, key: Buffer | null, value: Buffer | null, timestampMs: number): void {
    const task = this.tasksByInputTopic.get(topic)?.[partition];
    if (!task) {
      throw new StreamRuntimeError(
        'STREAM_RUNTIME_INVALID_OPTIONS',
        `no task reads ${topic}[${partition}]: the topology's input topics are ${this.sourceTopics.join(', ')}`,
      );
    }
    const offset = this.nextOffset(topic, partition);
    this.queue.push({ kind: 'record', task, record: { topic, partition, offset, key, value, timestampMs } });
    this.drain();
  }

  /** Runs a record read from a real input partition (offset and headers kept, e.g. for dead letters). */
  injectRecord(record: RawRecord): void {
    const task = this.tasksByInputTopic.get(record.topic)?.[record.partition];
    if (!task) {
      throw new StreamRuntimeError(
        'STREAM_RUNTIME_INVALID_OPTIONS',
        `no task reads ${record.topic}[${record.partition}]`,
      );
    }
    this.queue.push({ kind: 'record', task, record });
    this.drain();
  }

  /**
   * Runs records read from input partitions as one batch: like `injectRecord` for each, except
   * that watermark markers are held back and sent once, when the batch ends, carrying each
   * upstream task's latest watermark. Downstream watermarks then move per batch, as in the
   * streaming runtime, and a record costs no marker per reading task.
   */
  injectBatch(records: readonly RawRecord[]): void {
    if (this.batchMarkers !== undefined) {
      throw new StreamRuntimeError(
        'STREAM_RUNTIME_INVALID_OPTIONS',
        'injectBatch cannot be called from within a batch',
      );
    }
    const markers = new Map<string, Map<string, number>>();
    this.batchMarkers = markers;
    try {
      for (const record of records) this.injectRecord(record);
    } finally {
      this.batchMarkers = undefined;
    }
    for (const [topic, byTask] of markers) {
      for (const [fromTaskId, watermarkMs] of byTask) this.queueMarkers(topic, fromTaskId, watermarkMs);
    }
    this.drain();
  }

  /** Every source input ends: watermarks go to +Infinity and every pending window fires. */
  endOfInput(): void {
    for (const topic of new Set(this.sourceTopics)) {
      for (const task of this.tasksByInputTopic.get(topic) ?? []) task.endOfInput(topic);
      this.drain();
    }
  }

  /** Processing time moved: idle inputs may stop holding watermarks back. */
  checkIdle(): void {
    for (const task of this.tasks.values()) task.checkIdle();
    this.drain();
  }

  private drain(): void {
    if (this.isDraining) return;
    this.isDraining = true;
    const { queue } = this;
    try {
      while (this.queueHead < queue.length) {
        const event = queue[this.queueHead] as QueuedEvent;
        this.queueHead++;
        if (event.kind === 'decoded') event.task.processDecoded(event);
        else if (event.kind === 'record') event.task.process(event.record);
        else for (const task of event.tasks) task.watermarkMarker(event.topic, event.fromTaskId, event.watermarkMs);
      }
    } finally {
      this.isDraining = false;
      this.queueHead = 0;
      queue.length = 0;
    }
  }

  private readonly sendDecoded = (
    topic: string,
    partition: number,
    key: unknown,
    value: unknown,
    timestampMs: number,
  ): void => {
    const task = this.tasksByInputTopic.get(topic)?.[partition];
    if (!task) throw new StreamRuntimeError('STREAM_RUNTIME_INVALID_OPTIONS', `no task reads ${topic}[${partition}]`);
    const offset = this.nextOffset(topic, partition);
    this.queue.push({ kind: 'decoded', task, topic, partition, offset, key, value, timestampMs });
  };

  private outputFor(): TaskOutput {
    return {
      send: (topic, partition, key, value, timestampMs) => {
        if (this.plan.repartitionReaders.has(topic)) {
          const target = partition ?? 0;
          const task = this.tasksByInputTopic.get(topic)?.[target];
          if (!task)
            throw new StreamRuntimeError('STREAM_RUNTIME_INVALID_OPTIONS', `no task reads ${topic}[${target}]`);
          const offset = this.nextOffset(topic, target);
          this.queue.push({
            kind: 'record',
            task,
            record: { topic, partition: target, offset, key, value, timestampMs },
          });
          return;
        }
        const partitions = this.options.partitions(topic);
        const target = partition ?? (key === null ? 0 : partitionForKey(key, partitions));
        const output = { topic, partition: target, offset: this.nextOffset(topic, target), key, value, timestampMs };
        if (this.options.onOutput) this.options.onOutput(output);
        else this.outputs.push(output);
      },
      watermark: (topic, fromTaskId, watermarkMs) => {
        const held = this.batchMarkers;
        if (held === undefined) {
          this.queueMarkers(topic, fromTaskId, watermarkMs);
          return;
        }
        let byTask = held.get(topic);
        if (byTask === undefined) {
          byTask = new Map();
          held.set(topic, byTask);
        }
        // A task's watermark only rises: the latest is the one to send.
        byTask.set(fromTaskId, watermarkMs);
      },
      deadLetter: (record, error, stepName) => {
        if (this.options.onDeadLetter) this.options.onDeadLetter({ record, error, stepName });
        else this.deadLetters.push({ record, error, stepName });
      },
    };
  }

  private queueMarkers(topic: string, fromTaskId: string, watermarkMs: number): void {
    const tasks = this.tasksByInputTopic.get(topic);
    if (tasks !== undefined && tasks.length > 0)
      this.queue.push({ kind: 'markers', tasks, topic, fromTaskId, watermarkMs });
  }

  private nextOffset(topic: string, partition: number): string {
    let next = this.offsets.get(topic);
    if (next === undefined) {
      next = [];
      this.offsets.set(topic, next);
    }
    const offset = next[partition] ?? 0;
    next[partition] = offset + 1;
    return String(offset);
  }
}
