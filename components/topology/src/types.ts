import type { BadRecordPolicy } from '@fp/errors';
import type { Serde } from '@fp/serdes';
import type { Aggregator, HoppingSpec, TumblingSpec, Window, WindowSpec } from '@fp/windowing';

/** How a source turns event times into watermarks (Flink's `WatermarkStrategy`). */
export type WatermarkStrategy =
  { readonly kind: 'monotonous' } | { readonly kind: 'bounded-out-of-orderness'; readonly maxOutOfOrdernessMs: number };


export interface SourceOptions<K, V> {
  /** The input topic (the runtime may map it to a Kafka topic, a file or an in-memory list). */
  readonly topic: string;
  readonly key: Serde<K>;
  readonly value: Serde<V>;
  /**
   * Event time of a record in epoch ms. Default: the Kafka record timestamp.
   * Must be pure: it is called once per record.
   */
  readonly timestamp?: (value: V, key: K, recordTimestampMs: number) => number;
  /** Default: monotonous (watermark = max event time seen - 1). */
  readonly watermark?: WatermarkStrategy;
  /** A partition without records for this long (processing time) stops holding the watermark back. */
  readonly idleTimeoutMs?: number;
  /**
   * What happens to a bad record read here: one whose key, value or event time cannot be read, or
   * that a later step rejects by throwing a data error (`isDataError` in `@fp/errors`). Default
   * `fail`: stop the pipeline, as Kafka Streams' LogAndFail handlers do.
   */
  readonly onDeserializationError?: BadRecordPolicy;
}

export interface SinkOptions<K, V> {
  readonly topic: string;
  readonly key: Serde<K>;
  readonly value: Serde<V>;
}

/** Serdes for the internal repartition topic written when a keyed step follows a re-keying step. */
export interface RepartitionOptions<K, V> {
  readonly key?: Serde<K>;
  readonly value?: Serde<V>;
  /** Partition count of the repartition topic; default: the largest partition count of its inputs. */
  readonly partitions?: number;
}

/** The key of a windowed result: the grouping key and the window it belongs to. */
export interface Windowed<K> {
  readonly key: K;
  readonly window: Window;
}

/** What a `process` step's callbacks may do. @remarks One context per task; not thread-safe. */
export interface ProcessorContext<K, Out, S> {
  /** The current key's value state (undefined until set). */
  readonly state: {
    get(): S | undefined;
    set(value: S): void;
    clear(): void;
  };
  /** The current task's event-time watermark. */
  readonly watermarkMs: number;
  /** Calls `onTimer` for the current key once the watermark reaches `timestampMs`. */
  registerEventTimeTimer(timestampMs: number): void;
  /** Emits a record downstream; the timestamp defaults to the current record's (or the timer's). */
  forward(key: K, value: Out, timestampMs?: number): void;
}

/** Custom keyed logic with value state and event-time timers (Flink's `KeyedProcessFunction`). */
export interface KeyedProcessor<K, V, Out, S> {
  process(context: ProcessorContext<K, Out, S>, key: K, value: V, timestampMs: number): void;
  onTimer?(context: ProcessorContext<K, Out, S>, key: K, timerMs: number): void;
}

interface NodeBase {
  readonly id: number;
  /** The stable, kebab-case step name; state, changelog and metric names derive from it. */
  readonly name: string;
  readonly parents: readonly number[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- nodes are the type-erased form the runtime executes */
export interface SourceNode extends NodeBase {
  readonly kind: 'source';
  readonly options: SourceOptions<any, any>;
}
export interface FilterNode extends NodeBase {
  readonly kind: 'filter';
  readonly predicate: (key: any, value: any) => boolean;
}
export interface MapValuesNode extends NodeBase {
  readonly kind: 'map-values';
  readonly mapper: (value: any, key: any) => any;
}
export interface FlatMapValuesNode extends NodeBase {
  readonly kind: 'flat-map-values';
  readonly mapper: (value: any, key: any) => Iterable<any>;
}
export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly mapper: (key: any, value: any) => { readonly key: any; readonly value: any };
  /** The caller promises the new key lands on the same partition as the old one. */
  readonly preservesPartitioning: boolean;
}
export interface PeekNode extends NodeBase {
  readonly kind: 'peek';
  readonly action: (key: any, value: any) => void;
}
export interface MergeNode extends NodeBase {
  readonly kind: 'merge';
}
export interface RepartitionNode extends NodeBase {
  readonly kind: 'repartition';
  readonly options: RepartitionOptions<any, any>;
  readonly key: Serde<any>;
  readonly value: Serde<any>;
}
export interface AggregateNode extends NodeBase {
  readonly kind: 'aggregate';
  readonly aggregator: Aggregator<any, any, any>;
  readonly keySerde: Serde<any>;
}
export interface WindowedAggregateNode extends NodeBase {
  readonly kind: 'windowed-aggregate';
  readonly window: WindowSpec;
  readonly aggregator: Aggregator<any, any, any>;
  readonly keySerde: Serde<any>;
}
export interface LateNode extends NodeBase {
  readonly kind: 'late';
}
export interface ProcessNode extends NodeBase {
  readonly kind: 'process';
  readonly processor: KeyedProcessor<any, any, any, any>;
  readonly keySerde: Serde<any>;
}
export interface IntervalJoinNode extends NodeBase {
  readonly kind: 'interval-join';
  /** parents: [left, right] */
  readonly beforeMs: number;
  readonly afterMs: number;
  readonly joinType: 'inner' | 'left';
  readonly joiner: (left: any, right: any) => any;
  readonly keySerde: Serde<any>;
}
export interface WindowJoinNode extends NodeBase {
  readonly kind: 'window-join';
  /** parents: [left, right] */
  readonly window: TumblingSpec | HoppingSpec;
  readonly joiner: (left: any, right: any) => any;
  readonly keySerde: Serde<any>;
}
export interface TableJoinNode extends NodeBase {
  readonly kind: 'table-join';
  /** parents: [stream, table changelog stream] */
  readonly mode: 'latest' | 'point-in-time';
  readonly retentionMs: number;
  readonly joinType: 'inner' | 'left';
  readonly joiner: (value: any, row: any) => any;
  readonly keySerde: Serde<any>;
}
export interface SinkNode extends NodeBase {
  readonly kind: 'sink';
  readonly options: SinkOptions<any, any>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export type TopologyNode =
  | SourceNode
  | FilterNode
  | MapValuesNode
  | FlatMapValuesNode
  | MapNode
  | PeekNode
  | MergeNode
  | RepartitionNode
  | AggregateNode
  | WindowedAggregateNode
  | LateNode
  | ProcessNode
  | IntervalJoinNode
  | WindowJoinNode
  | TableJoinNode
  | SinkNode;

export type StatefulNode =
  AggregateNode | WindowedAggregateNode | ProcessNode | IntervalJoinNode | WindowJoinNode | TableJoinNode;

/** Steps that keep state in a store named after the step (and a changelog topic). */
export const STATEFUL_KINDS: ReadonlySet<TopologyNode['kind']> = new Set([
  'aggregate',
  'windowed-aggregate',
  'process',
  'interval-join',
  'window-join',
  'table-join',
]);

/** A connected part of the topology between re-keying points; one task per (sub-topology, partition). */
export interface SubTopology {
  readonly id: number;
  /** Topics it reads: source topics and repartition topics written by upstream sub-topologies. */
  readonly inputTopics: readonly string[];
  readonly nodeIds: readonly number[];
  readonly stores: readonly string[];
}

/** A built pipeline: pure data, run by `@fp/stream-runtime`. */
export interface Topology {
  readonly name: string;
  /** All steps in creation order, which is a topological order. */
  readonly nodes: readonly TopologyNode[];
  readonly subTopologies: readonly SubTopology[];
  /** `<topology>-<step>-repartition` per repartition step. */
  readonly repartitionTopics: Readonly<Record<string, string>>;
  /** `<topology>-<store>-changelog` per stateful step. */
  readonly changelogTopics: Readonly<Record<string, string>>;
  childrenOf(nodeId: number): readonly TopologyNode[];
  describe(): string;
  toJSON(): TopologyDescription;
}

export interface TopologyDescription {
  readonly name: string;
  readonly subTopologies: readonly {
    readonly id: number;
    readonly inputs: readonly string[];
    readonly outputs: readonly string[];
    readonly stores: readonly string[];
    readonly steps: readonly {
      readonly name: string;
      readonly kind: TopologyNode['kind'];
      readonly next: readonly string[];
    }[];
  }[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly repartitionTopics: readonly string[];
  readonly changelogTopics: readonly string[];
}
