import type { Serde } from '@fp/serdes';
import { count, type Aggregator, type HoppingSpec, type TumblingSpec, type WindowSpec } from '@fp/windowing';
import type { NodeSink } from './node-sink';
import type { KeyedProcessor, RepartitionOptions, SinkOptions, Windowed } from './types';

/**
 * A stream of keyed records. Key-preserving steps (`filter`, `mapValues`, `flatMapValues`, `peek`)
 * keep the partitioning; `map`/`selectKey` may change the key, so the next keyed step reads
 * through a repartition topic.
 */
export class Stream<K, V> {
  /** @internal */
  constructor(
    protected readonly graph: NodeSink,
    protected readonly nodeId: number,
    /** @internal Serde of the current key, when known (from a source or a repartition). */
    protected readonly keySerde: Serde<K> | undefined,
    /** @internal True once a step may have changed the key since the last source or repartition. */
    protected readonly isKeyChanged: boolean,
  ) {}

  filter(stepName: string, predicate: (key: K, value: V) => boolean): Stream<K, V> {
    return this.next(this.graph.add({ kind: 'filter', name: stepName, parents: [this.nodeId], predicate }));
  }

  mapValues<V2>(stepName: string, mapper: (value: V, key: K) => V2): Stream<K, V2> {
    return this.next(this.graph.add({ kind: 'map-values', name: stepName, parents: [this.nodeId], mapper }));
  }

  flatMapValues<V2>(stepName: string, mapper: (value: V, key: K) => Iterable<V2>): Stream<K, V2> {
    return this.next(this.graph.add({ kind: 'flat-map-values', name: stepName, parents: [this.nodeId], mapper }));
  }

  peek(stepName: string, action: (key: K, value: V) => void): Stream<K, V> {
    return this.next(this.graph.add({ kind: 'peek', name: stepName, parents: [this.nodeId], action }));
  }

  /**
   * Replaces key and value. A keyed step after it repartitions, unless `preservesPartitioning`
   * promises the new key maps to the same partition (e.g. the producer already partitioned by it).
   */
  map<K2, V2>(
    stepName: string,
    mapper: (key: K, value: V) => { readonly key: K2; readonly value: V2 },
    options: { readonly preservesPartitioning?: boolean } = {},
  ): Stream<K2, V2> {
    const preservesPartitioning = options.preservesPartitioning ?? false;
    const id = this.graph.add({ kind: 'map', name: stepName, parents: [this.nodeId], mapper, preservesPartitioning });
    return new Stream<K2, V2>(this.graph, id, undefined, this.isKeyChanged || !preservesPartitioning);
  }

  /** Replaces the key only; see `map` for partitioning. */
  selectKey<K2>(
    stepName: string,
    selector: (key: K, value: V) => K2,
    options: { readonly preservesPartitioning?: boolean } = {},
  ): Stream<K2, V> {
    return this.map(stepName, (key, value) => ({ key: selector(key, value), value }), options);
  }

  /** Unions this stream with others of the same types; inputs must be co-partitioned to share tasks. */
  merge(stepName: string, ...others: readonly Stream<K, V>[]): Stream<K, V> {
    const parents = [this.nodeId, ...others.map((other) => other.nodeId)];
    const isKeyChanged = this.isKeyChanged || others.some((other) => other.isKeyChanged);
    const id = this.graph.add({ kind: 'merge', name: stepName, parents });
    return new Stream<K, V>(this.graph, id, this.keySerde, isKeyChanged);
  }

  /**
   * Routes each record to the first branch whose predicate holds (Kafka Streams' `split()`);
   * records matching none go to `default` when `includeDefault` is set, else nowhere.
   * Branch steps are named `<stepName>-<branch>`.
   */
  split<Branch extends string>(
    stepName: string,
    predicates: Readonly<Record<Branch, (key: K, value: V) => boolean>>,
  ): Record<Branch | 'default', Stream<K, V>> {
    const entries = Object.entries(predicates) as [Branch, (key: K, value: V) => boolean][];
    const branches = {} as Record<Branch | 'default', Stream<K, V>>;
    entries.forEach(([branch, predicate], index) => {
      const earlier = entries.slice(0, index).map(([, earlierPredicate]) => earlierPredicate);
      branches[branch] = this.filter(
        `${stepName}-${branch}`,
        (key, value) => predicate(key, value) && !earlier.some((other) => other(key, value)),
      );
    });
    branches.default = this.filter(
      `${stepName}-default`,
      (key, value) => !entries.some(([, predicate]) => predicate(key, value)),
    );
    return branches;
  }

  /** Groups by the current key; repartitions first if a step may have changed the key. */
  groupByKey(options: RepartitionOptions<K, V> = {}): KeyedStream<K, V> {
    if (!this.isKeyChanged) {
      const keySerde = (options.key ?? this.keySerde ?? this.graph.defaultSerde) as Serde<K>;
      return new KeyedStream<K, V>(this.graph, this.nodeId, keySerde);
    }
    return this.repartition(this.graph.nameOf(this.nodeId), options);
  }

  /**
   * Re-keys with `selector` (step `stepName`) and groups by the new key, through a repartition
   * topic, unless `preservesPartitioning` promises that the new key is the one the records are
   * already partitioned by: e.g. `windowed.key` after a windowed aggregation's `toStream()`, whose
   * tasks hold every window of a key. Then the grouping stays in the same task, with no topic.
   */
  groupBy<K2>(
    stepName: string,
    selector: (key: K, value: V) => K2,
    options: RepartitionOptions<K2, V> & { readonly preservesPartitioning?: boolean } = {},
  ): KeyedStream<K2, V> {
    const { preservesPartitioning = false, ...repartition } = options;
    if (!preservesPartitioning) return this.selectKey(stepName, selector).groupByKey(repartition);
    const id = this.graph.add({
      kind: 'map',
      name: stepName,
      parents: [this.nodeId],
      mapper: (key: K, value: V) => ({ key: selector(key, value), value }),
      preservesPartitioning,
    });
    return new Stream<K2, V>(this.graph, id, repartition.key, false).groupByKey(repartition);
  }

  /** Writes every record to an output topic. */
  to(stepName: string, sink: SinkOptions<K, V>): void {
    this.graph.add({ kind: 'sink', name: stepName, parents: [this.nodeId], options: sink });
  }

  private repartition(upstreamName: string, options: RepartitionOptions<K, V>): KeyedStream<K, V> {
    const key = (options.key ?? this.keySerde ?? this.graph.defaultSerde) as Serde<K>;
    const value = options.value ?? this.graph.defaultSerde;
    const id = this.graph.add({
      kind: 'repartition',
      name: `${upstreamName}-repartition`,
      parents: [this.nodeId],
      options,
      key,
      value,
    });
    return new KeyedStream<K, V>(this.graph, id, key);
  }

  private next<V2>(id: number): Stream<K, V2> {
    return new Stream<K, V2>(this.graph, id, this.keySerde, this.isKeyChanged);
  }
}

/** A stream grouped by its key: every record of one key is handled by one task, in order. */
export class KeyedStream<K, V> {
  /** @internal */
  constructor(
    private readonly graph: NodeSink,
    /** @internal */
    readonly nodeId: number,
    private readonly keySerde: Serde<K>,
  ) {}

  windowedBy(spec: WindowSpec): WindowedStream<K, V> {
    return new WindowedStream<K, V>(this.graph, this.nodeId, this.keySerde, spec);
  }

  /** A running aggregate per key that never expires; emits the new result after every record. */
  aggregate<Acc, Out>(stepName: string, aggregator: Aggregator<V, Acc, Out>): Table<K, Out> {
    const id = this.graph.add({
      kind: 'aggregate',
      name: stepName,
      parents: [this.nodeId],
      aggregator,
      keySerde: this.keySerde,
    });
    return new Table<K, Out>(this.graph, id, this.keySerde);
  }

  reduce(stepName: string, reducer: (accumulated: V, value: V) => V): Table<K, V> {
    return this.aggregate(stepName, reducerAggregator(reducer));
  }

  count(stepName: string): Table<K, number> {
    return this.aggregate(stepName, count());
  }

  /**
   * Interval join with another stream keyed the same way (Flink's `intervalJoin`): every pair with
   * the same key and `other.ts` in `[this.ts - beforeMs, this.ts + afterMs]`, emitted as soon as
   * both sides are there, stamped `max(ts)`. `type: 'left'` also emits each record of this stream
   * that matched nothing, once, with `null`, when the watermark passes `ts + afterMs`. Both sides
   * are buffered in the step's store until the watermark expires them; records behind the
   * watermark are late (counted, not joined). Both inputs must be co-partitioned (same task).
   */
  join<R, Out>(
    stepName: string,
    other: KeyedStream<K, R>,
    window: { readonly beforeMs: number; readonly afterMs: number; readonly type?: 'inner' | 'left' },
    joiner: (left: V, right: R | null) => Out,
  ): Stream<K, Out> {
    const id = this.graph.add({
      kind: 'interval-join',
      name: stepName,
      parents: [this.nodeId, other.nodeId],
      beforeMs: window.beforeMs,
      afterMs: window.afterMs,
      joinType: window.type ?? 'inner',
      joiner,
      keySerde: this.keySerde,
    });
    return new Stream<K, Out>(this.graph, id, this.keySerde, false);
  }

  /**
   * Window join (Flink's `join().where().equalTo().window()`): the pairs of this stream's and
   * `other`'s records with the same key in the same tumbling or hopping window, emitted when the
   * window fires (watermark reaches `endMs - 1`), stamped `endMs - 1`. Both inputs must be
   * co-partitioned (same task).
   */
  windowJoin<R, Out>(
    stepName: string,
    other: KeyedStream<K, R>,
    window: TumblingSpec | HoppingSpec,
    joiner: (left: V, right: R) => Out,
  ): Stream<K, Out> {
    const id = this.graph.add({
      kind: 'window-join',
      name: stepName,
      parents: [this.nodeId, other.nodeId],
      window,
      joiner,
      keySerde: this.keySerde,
    });
    return new Stream<K, Out>(this.graph, id, this.keySerde, false);
  }

  /**
   * Enriches each record with the row of a table with the same key. The table is a changelog
   * stream (latest value per key; `null` deletes). `mode: 'latest'` joins with the row current
   * when the record is processed; `mode: 'point-in-time'` joins with the row valid at the record's
   * event time, once the watermark says every version up to then has arrived: a later table update
   * never changes an earlier record's result (what backfills and training sets need). Versions are
   * kept `retentionMs` behind the watermark. `type: 'left'` keeps records without a row (`null`).
   */
  joinTable<T, Out>(
    stepName: string,
    table: KeyedStream<K, T>,
    options: {
      readonly mode: 'latest' | 'point-in-time';
      readonly retentionMs: number;
      readonly type?: 'inner' | 'left';
    },
    joiner: (value: V, row: T | null) => Out,
  ): Stream<K, Out> {
    const id = this.graph.add({
      kind: 'table-join',
      name: stepName,
      parents: [this.nodeId, table.nodeId],
      mode: options.mode,
      retentionMs: options.retentionMs,
      joinType: options.type ?? 'inner',
      joiner,
      keySerde: this.keySerde,
    });
    return new Stream<K, Out>(this.graph, id, this.keySerde, false);
  }

  /** Custom keyed logic with value state and event-time timers. */
  process<Out, S>(stepName: string, processor: KeyedProcessor<K, V, Out, S>): Stream<K, Out> {
    const id = this.graph.add({
      kind: 'process',
      name: stepName,
      parents: [this.nodeId],
      processor,
      keySerde: this.keySerde,
    });
    return new Stream<K, Out>(this.graph, id, this.keySerde, false);
  }
}

/** A keyed stream cut into event-time windows; aggregate it to get one result per (key, window). */
export class WindowedStream<K, V> {
  /** @internal */
  constructor(
    private readonly graph: NodeSink,
    private readonly nodeId: number,
    private readonly keySerde: Serde<K>,
    private readonly spec: WindowSpec,
  ) {}

  /** Emits one result per non-empty (key, window) when the watermark passes `window.endMs - 1`. */
  aggregate<Acc, Out>(stepName: string, aggregator: Aggregator<V, Acc, Out>): WindowedTable<K, V, Out> {
    const id = this.graph.add({
      kind: 'windowed-aggregate',
      name: stepName,
      parents: [this.nodeId],
      window: this.spec,
      aggregator,
      keySerde: this.keySerde,
    });
    return new WindowedTable<K, V, Out>(this.graph, id, this.keySerde);
  }

  reduce(stepName: string, reducer: (accumulated: V, value: V) => V): WindowedTable<K, V, V> {
    return this.aggregate(stepName, reducerAggregator(reducer));
  }

  count(stepName: string): WindowedTable<K, V, number> {
    return this.aggregate(stepName, count());
  }
}

/** The running results of a non-windowed aggregation, as a changelog stream of updates. */
export class Table<K, V> {
  /** @internal */
  constructor(
    private readonly graph: NodeSink,
    private readonly nodeId: number,
    private readonly keySerde: Serde<K>,
  ) {}

  toStream(): Stream<K, V> {
    return new Stream<K, V>(this.graph, this.nodeId, this.keySerde, false);
  }
}

/** Window results keyed by `{ key, window }`, plus the records that arrived too late for them. */
export class WindowedTable<K, In, V> {
  /** @internal */
  constructor(
    private readonly graph: NodeSink,
    private readonly nodeId: number,
    private readonly keySerde: Serde<K>,
  ) {}

  toStream(): Stream<Windowed<K>, V> {
    return new Stream<Windowed<K>, V>(this.graph, this.nodeId, undefined, true);
  }

  /**
   * Records that were late for every window they belong to (`window.endMs - 1 + allowedLatenessMs
   * <= watermark` on arrival). They are counted either way; this stream lets the pipeline route them.
   */
  late(): Stream<K, In> {
    const name = `${this.graph.nameOf(this.nodeId)}-late`;
    const id = this.graph.add({ kind: 'late', name, parents: [this.nodeId] });
    return new Stream<K, In>(this.graph, id, this.keySerde, false);
  }
}

function reducerAggregator<V>(
  reducer: (accumulated: V, value: V) => V,
): Aggregator<V, { has: boolean; value: V | undefined }, V> {
  return {
    init: () => ({ has: false, value: undefined }),
    add: (acc, value) => ({ has: true, value: acc.has ? reducer(acc.value as V, value) : value }),
    merge: (a, b) => (!b.has ? a : !a.has ? b : { has: true, value: reducer(a.value as V, b.value as V) }),
    result: (acc) => acc.value as V,
  };
}
