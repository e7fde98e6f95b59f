import { isDataError, toError, type BadRecordPolicy } from '@fp/errors';
import type { KeyedStore } from '@fp/keyed-state';
import { partitionForKey } from '@fp/partitioning';
import type { Serde } from '@fp/serdes';
import type { Topology } from '@fp/topology';
import type { SourceNode, SubTopology, TopologyNode } from '@fp/topology/internal';
import {
  createWatermarkCombiner,
  createWatermarkTracker,
  createWindowedAggregation,
  type Fired,
  type WatermarkCombiner,
  type WatermarkTracker,
  type WindowedAggregation,
} from '@fp/windowing/internal';
import { applyBadRecordPolicy, upstreamBadRecordPolicy } from './bad-record-policy';
import { StreamRuntimeError } from './errors';
import { createJoinStep, type JoinStep } from './join-step';
import { repartitionTopicOf } from './partition-plan';
import { createProcessStep, type ProcessStep } from './process-step';
import type { RawRecord, TaskOutput } from './raw-record';
import { createStateKeyCodec } from './state-key';
import { createTaskCounters, type TaskCounters } from './task-counters';

/** A record too late for all its windows, as the task reports it. */
export interface LateRecordEvent {
  readonly stepName: string;
  readonly key: unknown;
  readonly value: unknown;
  readonly timestampMs: number;
}

/** A repartition record handed over without its serde round trip (in-process runs only). */
export interface DecodedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: unknown;
  readonly value: unknown;
  readonly timestampMs: number;
}

export interface TaskOptions {
  readonly topology: Topology;
  readonly subTopology: SubTopology;
  readonly partition: number;
  /** Partition count of each repartition topic this task writes. */
  readonly repartitionPartitions: (topic: string) => number;
  /** Number of upstream tasks (partitions of the writing sub-topology) feeding each repartition topic this task reads. */
  readonly upstreamTasks: (topic: string) => number;
  /** The store of a stateful step, for this task. */
  readonly store: (stepName: string) => KeyedStore<unknown>;
  readonly output: TaskOutput;
  /** Processing-time clock, for idleness. */
  readonly now: () => number;
  readonly onLate?: (event: LateRecordEvent) => void;
  /**
   * When set, repartition records go here with their decoded key and value instead of through
   * `output.send` (the key is still serialized, to pick the partition as Kafka's partitioner
   * would); the reading task gets them through `processDecoded`. For in-process runs only.
   */
  readonly sendDecoded?: (topic: string, partition: number, key: unknown, value: unknown, timestampMs: number) => void;
}

/**
 * One (sub-topology, partition): decodes its input records, runs them through the steps, keeps
 * their state and event time, and writes outputs, repartition records and watermark markers.
 *
 * Event time: every source topic is one watermark input (`maxSeen - outOfOrderness - 1`); every
 * upstream task of a repartition topic is another (from its watermark markers). The task's
 * watermark is their minimum, idle inputs excluded, and it is applied after every record, so the
 * same input gives the same late records in every runtime.
 *
 * @remarks Not thread-safe; driven by one caller. Call `restore()` before the first record.
 */
export interface Task {
  readonly id: string;
  readonly counters: TaskCounters;
  restore(): Promise<void>;
  process(record: RawRecord): void;
  /** A repartition record that skipped its serdes (see `TaskOptions.sendDecoded`). */
  processDecoded(record: DecodedRecord): void;
  watermarkMarker(topic: string, fromTaskId: string, watermarkMs: number): void;
  /** The input topic will send nothing more: its watermark becomes +Infinity. */
  endOfInput(topic: string): void;
  /** Re-evaluates idleness after processing time passed without records. */
  checkIdle(): void;
  watermarkMs(): number;
  /**
   * The event-time position of every watermark input (source inputs: the largest event time seen;
   * repartition inputs: each upstream task's last marker), for the runtime to checkpoint. Kafka
   * Streams keeps its stream time in the offset commit metadata for the same reason: a task that
   * restarts without new input must still hold the watermark it had.
   */
  watermarkSnapshot(): Record<string, number>;
  /** Re-applies a snapshot taken by `watermarkSnapshot()` at task start (watermarks never go back). */
  restoreWatermarks(snapshot: Readonly<Record<string, number>>): void;
}

type Emit = (key: unknown, value: unknown, timestampMs: number) => void;

/** Where a record was read. */
type RecordAt = Pick<RawRecord, 'topic' | 'partition' | 'offset'>;

interface SourceInput {
  readonly node: SourceNode;
  readonly tracker: WatermarkTracker;
  readonly emit: Emit;
  /** The watermark combiner's name for this input, built once rather than per record. */
  readonly inputName: string;
  readonly policy: BadRecordPolicy;
  /** Largest event time seen, for `watermarkSnapshot`. */
  maxSeenMs: number;
}

export function createTask(options: TaskOptions): Task {
  const { topology, subTopology, partition, output } = options;
  const id = `${subTopology.id}_${partition}`;
  const counters = createTaskCounters();
  const nodeIds = new Set(subTopology.nodeIds);
  const nodes = subTopology.nodeIds.map((nodeId) => topology.nodes[nodeId] as TopologyNode);
  const emitters = new Map<number, Emit>();
  const windowed: {
    readonly name: string;
    readonly engine: WindowedAggregation<unknown, unknown>;
    readonly emitFired: (fired: readonly Fired<unknown>[]) => void;
    readonly store: KeyedStore<unknown>;
  }[] = [];
  const processSteps: ProcessStep[] = [];
  const joinSteps: JoinStep[] = [];
  /** Join steps have one emitter per input, in the order of their parents. */
  const joinSides = new Map<number, readonly Emit[]>();
  const repartitionOutputs: string[] = [];
  let currentStepName = '';
  const badRecords = { counters, output };
  let taskWatermarkMs = Number.NEGATIVE_INFINITY;

  const sourceInputs = new Map<string, SourceInput>();
  const repartitionInputs = new Map<
    string,
    { emit: Emit; key: Serde<unknown>; value: Serde<unknown>; stepName: string; policy: BadRecordPolicy }
  >();
  const watermarkInputs: string[] = [];
  /** Combiner input names by repartition topic and upstream task id, so a marker builds no string. */
  const markerInputNames = new Map<string, Map<string, string>>();

  // Build emitters children-first (reverse id order is a reverse topological order).
  for (const node of [...nodes].reverse()) {
    emitters.set(node.id, compile(node));
  }
  for (const node of nodes) {
    if (node.kind === 'source') {
      const inputName = sourceInputName(node.options.topic);
      sourceInputs.set(node.options.topic, {
        node,
        tracker: createWatermarkTracker({
          strategy: node.options.watermark ?? { kind: 'monotonous' },
          now: options.now,
        }),
        emit: emitters.get(node.id) as Emit,
        inputName,
        policy: node.options.onDeserializationError ?? 'fail',
        maxSeenMs: Number.NEGATIVE_INFINITY,
      });
      watermarkInputs.push(inputName);
    }
  }
  for (const node of topology.nodes) {
    if (node.kind !== 'repartition' || nodeIds.has(node.id)) continue;
    const topic = repartitionTopicOf(topology, node);
    if (!subTopology.inputTopics.includes(topic)) continue;
    repartitionInputs.set(topic, {
      // The repartition step lives upstream; its children here are fed as from that parent.
      emit: childEmitter(node),
      key: node.key,
      value: node.value,
      stepName: node.name,
      policy: upstreamBadRecordPolicy(topology, node.id),
    });
    const names = new Map<string, string>();
    markerInputNames.set(topic, names);
    for (let upstream = 0; upstream < options.upstreamTasks(topic); upstream++) {
      const upstreamTaskId = `${upstreamSubTopologyOf(node.id)}_${upstream}`;
      const inputName = repartitionInputName(topic, upstreamTaskId);
      names.set(upstreamTaskId, inputName);
      watermarkInputs.push(inputName);
    }
  }
  const idleTimeoutMs = minimumIdleTimeoutMs(nodes);
  const combiner: WatermarkCombiner = createWatermarkCombiner({
    inputs: watermarkInputs,
    ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
    now: options.now,
  });
  /** The last marker of each upstream task (source inputs keep their largest event time on the input). */
  const markerPositions = new Map<string, number>();

  function upstreamSubTopologyOf(nodeId: number): number {
    return topology.subTopologies.find((candidate) => candidate.nodeIds.includes(nodeId))?.id ?? -1;
  }

  function childEmitter(node: TopologyNode, filter: (child: TopologyNode) => boolean = () => true): Emit {
    const children = topology.childrenOf(node.id).filter((child) => nodeIds.has(child.id) && filter(child));
    // A join step has one entry per input: the side this node feeds.
    return fanOut(
      children.map(
        (child) => joinSides.get(child.id)?.[child.parents.indexOf(node.id)] ?? (emitters.get(child.id) as Emit),
      ),
    );
  }

  function compile(node: TopologyNode): Emit {
    const next = childEmitter(node, (child) => child.kind !== 'late');
    const name = node.name;
    switch (node.kind) {
      case 'source':
      case 'merge':
        return next;
      case 'filter':
        return (key, value, ts) => {
          currentStepName = name;
          if (node.predicate(key, value)) next(key, value, ts);
        };
      case 'map-values':
        return (key, value, ts) => {
          currentStepName = name;
          next(key, node.mapper(value, key), ts);
        };
      case 'flat-map-values':
        return (key, value, ts) => {
          currentStepName = name;
          for (const mapped of node.mapper(value, key)) next(key, mapped, ts);
        };
      case 'map':
        return (key, value, ts) => {
          currentStepName = name;
          const mapped = node.mapper(key, value);
          next(mapped.key, mapped.value, ts);
        };
      case 'peek':
        return (key, value, ts) => {
          currentStepName = name;
          node.action(key, value);
          next(key, value, ts);
        };
      case 'repartition': {
        const topic = repartitionTopicOf(topology, node);
        repartitionOutputs.push(topic);
        const partitions = options.repartitionPartitions(topic);
        let roundRobin = 0;
        const { sendDecoded } = options;
        if (sendDecoded) {
          const partitionOf = createPartitionCache(node.key, partitions);
          return (key, value, ts) => {
            currentStepName = name;
            if (key === null || key === undefined) sendDecoded(topic, roundRobin++ % partitions, null, value, ts);
            else sendDecoded(topic, partitionOf(key), key, value, ts);
          };
        }
        return (key, value, ts) => {
          currentStepName = name;
          const keyBytes = key === null || key === undefined ? null : node.key.serialize(key);
          const target = keyBytes === null ? roundRobin++ % partitions : partitionForKey(keyBytes, partitions);
          output.send(topic, target, keyBytes, node.value.serialize(value), ts);
        };
      }
      case 'sink':
        return (key, value, ts) => {
          currentStepName = name;
          const keyBytes = key === null || key === undefined ? null : node.options.key.serialize(key);
          output.send(node.options.topic, undefined, keyBytes, node.options.value.serialize(value), ts);
          counters.recordsOut++;
        };
      case 'aggregate': {
        const store = options.store(name);
        const keys = createStateKeyCodec(node.keySerde);
        const { aggregator } = node;
        return (key, value, ts) => {
          currentStepName = name;
          const stateKey = keys.encode(key);
          const accumulated = aggregator.add(store.get(stateKey) ?? aggregator.init(), value);
          store.put(stateKey, accumulated, ts);
          next(key, aggregator.result(accumulated), ts);
        };
      }
      case 'windowed-aggregate': {
        const store = options.store(name);
        const keys = createStateKeyCodec(node.keySerde);
        const late = childEmitter(node, (child) => child.kind === 'late');
        const engine = createWindowedAggregation({ spec: node.window, aggregator: node.aggregator, store });
        const emitFired = (fired: readonly Fired<unknown>[]) => {
          for (const result of fired) {
            next({ key: keys.decode(result.key), window: result.window }, result.result, result.window.endMs - 1);
          }
        };
        windowed.push({ name, engine, emitFired, store });
        return (key, value, ts) => {
          currentStepName = name;
          const added = engine.add(keys.encode(key), ts, value);
          if (added.status === 'late') {
            counters.lateRecords++;
            options.onLate?.({ stepName: name, key, value, timestampMs: ts });
            late(key, value, ts);
          }
          if (added.fired.length > 0) emitFired(added.fired);
        };
      }
      case 'late':
        return childEmitter(node);
      case 'interval-join':
      case 'window-join':
      case 'table-join': {
        const step = createJoinStep({
          node,
          store: options.store(name),
          keys: createStateKeyCodec(node.keySerde),
          next,
          onLate: (key, value, timestampMs) => {
            counters.lateRecords++;
            options.onLate?.({ stepName: name, key, value, timestampMs });
          },
        });
        joinSteps.push(step);
        joinSides.set(
          node.id,
          step.sides.map((side): Emit => (key, value, ts) => {
            currentStepName = name;
            side(key, value, ts);
          }),
        );
        // Parents reach a join through `joinSides`; this emitter is never called.
        return () => undefined;
      }
      case 'process': {
        const step = createProcessStep({
          node,
          store: options.store(name),
          keys: createStateKeyCodec(node.keySerde),
          next,
          watermarkMs: () => taskWatermarkMs,
        });
        processSteps.push(step);
        return (key, value, ts) => {
          currentStepName = name;
          step.process(key, value, ts);
        };
      }
    }
  }

  function advanceWatermark(): void {
    const watermarkMs = combiner.current();
    if (watermarkMs <= taskWatermarkMs) return;
    taskWatermarkMs = watermarkMs;
    for (const step of windowed) {
      currentStepName = step.name;
      step.emitFired(step.engine.advanceWatermark(watermarkMs));
    }
    for (const step of processSteps) step.advanceWatermark(watermarkMs);
    for (const step of joinSteps) step.advanceWatermark(watermarkMs);
    for (const topic of repartitionOutputs) output.watermark(topic, id, watermarkMs);
  }

  function processSourceRecord(input: SourceInput, record: RawRecord): void {
    const { node, tracker } = input;
    let key: unknown;
    let value: unknown;
    let timestampMs: number;
    try {
      key = record.key === null ? null : node.options.key.deserialize(record.key);
      value = record.value === null ? null : node.options.value.deserialize(record.value);
      timestampMs = node.options.timestamp
        ? node.options.timestamp(value, key, record.timestampMs)
        : record.timestampMs;
    } catch (error) {
      handleBadRecord(input, record, 'STREAM_RUNTIME_DESERIALIZATION_FAILED', toError(error));
      return;
    }
    if (!Number.isFinite(timestampMs)) {
      const error = new Error(`event time ${String(timestampMs)} is not a finite number of epoch milliseconds`);
      handleBadRecord(input, record, 'STREAM_RUNTIME_INVALID_TIMESTAMP', error);
      return;
    }
    try {
      input.emit(key, value, timestampMs);
    } catch (error) {
      // A rejected record counts as bad, not as read, and moves no watermark: as if it failed to decode.
      rejectOrStop(input.policy, record, error, () => record);
      return;
    }
    counters.recordsIn++;
    tracker.observe(timestampMs);
    const { inputName } = input;
    if (timestampMs > input.maxSeenMs) input.maxSeenMs = timestampMs;
    // `update` only counts as activity when it raises the watermark; an out-of-order record is activity too.
    combiner.markActive(inputName);
    combiner.update(inputName, tracker.current());
    advanceWatermark();
  }

  function handleBadRecord(
    input: SourceInput,
    record: RawRecord,
    code: 'STREAM_RUNTIME_DESERIALIZATION_FAILED' | 'STREAM_RUNTIME_INVALID_TIMESTAMP',
    cause: Error,
  ): void {
    const { node } = input;
    const coordinates = {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      stepName: node.name,
    };
    const error = new StreamRuntimeError(
      code,
      `cannot read ${record.topic}[${record.partition}]@${record.offset} in step "${node.name}": ${cause.message}`,
      { domain: 'data', cause, coordinates },
    );
    applyBadRecordPolicy(input.policy, { record, error, stepName: node.name }, badRecords);
  }

  /**
   * A step's data error (`isDataError`) makes the record bad under `policy`, naming the step; any
   * other error is a bug and stops the task. `raw` gives the record as read, for a dead letter.
   */
  function rejectOrStop(policy: BadRecordPolicy, at: RecordAt, error: unknown, raw: () => RawRecord): void {
    if (!isDataError(error)) throw stepFailure(at, error);
    const stepName = currentStepName;
    const rejection = new StreamRuntimeError(
      'STREAM_RUNTIME_RECORD_REJECTED',
      `step "${stepName}" rejected ${at.topic}[${at.partition}]@${at.offset}: ${error.message}`,
      {
        domain: 'data',
        cause: error,
        coordinates: { topic: at.topic, partition: at.partition, offset: at.offset, stepName },
      },
    );
    applyBadRecordPolicy(policy, { record: raw(), error: rejection, stepName }, badRecords);
  }

  /** The error a step's failure becomes, naming the step and the record (a `StreamRuntimeError` passes through). */
  function stepFailure(record: RecordAt, error: unknown): Error {
    if (error instanceof StreamRuntimeError) return error;
    const cause = toError(error);
    return new StreamRuntimeError(
      'STREAM_RUNTIME_PROCESSING_FAILED',
      `step "${currentStepName}" failed on ${record.topic}[${record.partition}]@${record.offset}: ${cause.message}`,
      {
        cause,
        coordinates: {
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
          stepName: currentStepName,
        },
      },
    );
  }

  return {
    id,
    counters,
    async restore() {
      for (const step of windowed) {
        const keys: string[] = [];
        for await (const [stateKey] of step.store.scan()) keys.push(stateKey);
        step.engine.restore(keys);
      }
      for (const step of processSteps) await step.restore();
      for (const step of joinSteps) await step.restore();
    },
    process(record) {
      const source = sourceInputs.get(record.topic);
      if (source) {
        processSourceRecord(source, record);
        return;
      }
      const repartition = repartitionInputs.get(record.topic);
      if (!repartition) {
        throw new StreamRuntimeError(
          'STREAM_RUNTIME_INVALID_OPTIONS',
          `task ${id} does not read topic "${record.topic}"`,
        );
      }
      const key = record.key === null ? null : repartition.key.deserialize(record.key);
      const value = record.value === null ? null : repartition.value.deserialize(record.value);
      try {
        repartition.emit(key, value, record.timestampMs);
      } catch (error) {
        rejectOrStop(repartition.policy, record, error, () => record);
        return;
      }
      counters.recordsIn++;
    },
    processDecoded(record) {
      const repartition = repartitionInputs.get(record.topic);
      if (!repartition) {
        throw new StreamRuntimeError(
          'STREAM_RUNTIME_INVALID_OPTIONS',
          `task ${id} does not read topic "${record.topic}"`,
        );
      }
      try {
        repartition.emit(record.key, record.value, record.timestampMs);
      } catch (error) {
        // Only a dead letter needs the bytes this record skipped.
        const { topic, partition, offset, timestampMs } = record;
        rejectOrStop(repartition.policy, record, error, () => ({
          topic,
          partition,
          offset,
          timestampMs,
          key: record.key === null || record.key === undefined ? null : repartition.key.serialize(record.key),
          value: record.value === null || record.value === undefined ? null : repartition.value.serialize(record.value),
        }));
        return;
      }
      counters.recordsIn++;
    },
    watermarkMarker(topic, fromTaskId, watermarkMs) {
      const inputName = markerInputNames.get(topic)?.get(fromTaskId) ?? repartitionInputName(topic, fromTaskId);
      if (watermarkMs > (markerPositions.get(inputName) ?? Number.NEGATIVE_INFINITY))
        markerPositions.set(inputName, watermarkMs);
      combiner.update(inputName, watermarkMs);
      advanceWatermark();
    },
    watermarkSnapshot() {
      const positions: [string, number][] = [
        ...markerPositions,
        ...[...sourceInputs.values()].map((input): [string, number] => [input.inputName, input.maxSeenMs]),
      ];
      return Object.fromEntries(positions.filter(([, position]) => Number.isFinite(position)));
    },
    restoreWatermarks(snapshot) {
      for (const [inputName, position] of Object.entries(snapshot)) {
        if (!watermarkInputs.includes(inputName) || !Number.isFinite(position)) continue;
        const source = [...sourceInputs.values()].find((candidate) => candidate.inputName === inputName);
        if (source) {
          source.maxSeenMs = Math.max(source.maxSeenMs, position);
          source.tracker.observe(position);
          combiner.update(inputName, source.tracker.current());
        } else {
          markerPositions.set(
            inputName,
            Math.max(markerPositions.get(inputName) ?? Number.NEGATIVE_INFINITY, position),
          );
          combiner.update(inputName, position);
        }
      }
      advanceWatermark();
    },
    endOfInput(topic) {
      if (sourceInputs.has(topic)) combiner.endOfInput(sourceInputName(topic));
      advanceWatermark();
    },
    checkIdle() {
      advanceWatermark();
    },
    watermarkMs: () => taskWatermarkMs,
  };
}

/** Partitions remembered for this many string and number keys per repartition step. */
const PARTITION_CACHE_ENTRIES = 10_000;

/**
 * The partition of a non-null key, as Kafka's partitioner picks it from the serialized key;
 * remembered for string and number keys (not -0, which a serde may tell from 0), so a hot key is
 * not serialized and hashed per record when the bytes themselves are not needed.
 */
function createPartitionCache(serde: Serde<unknown>, partitions: number): (key: unknown) => number {
  const cache = new Map<string | number, number>();
  return (key) => {
    const isPrimitive = typeof key === 'string' || (typeof key === 'number' && !Object.is(key, -0));
    if (isPrimitive) {
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
    }
    const partition = partitionForKey(serde.serialize(key), partitions);
    if (isPrimitive && cache.size < PARTITION_CACHE_ENTRIES) cache.set(key, partition);
    return partition;
  };
}

function fanOut(emitters: readonly Emit[]): Emit {
  if (emitters.length === 0) return () => undefined;
  if (emitters.length === 1) return emitters[0] as Emit;
  return (key, value, ts) => {
    for (const emit of emitters) emit(key, value, ts);
  };
}

function sourceInputName(topic: string): string {
  return `source:${topic}`;
}

function repartitionInputName(topic: string, upstreamTaskId: string): string {
  return `repartition:${topic}:${upstreamTaskId}`;
}

function minimumIdleTimeoutMs(nodes: readonly TopologyNode[]): number | undefined {
  const timeouts = nodes.flatMap((node) =>
    node.kind === 'source' && node.options.idleTimeoutMs !== undefined ? [node.options.idleTimeoutMs] : [],
  );
  return timeouts.length === 0 ? undefined : Math.min(...timeouts);
}
