/**
 * @fp/topology: the pipeline DSL. A pipeline is a value built by pure code (Kafka Streams'
 * `StreamsBuilder` shape, Flink's event-time semantics); `@fp/stream-runtime` runs it on Kafka, over
 * bounded inputs, or in the in-process test driver, with the same results.
 *
 * Every step takes a stable kebab-case name first; stateful steps derive their store and
 * changelog topic from it, so renaming one is a state migration. Types flow through the chain:
 * `windowedBy` exists only on a grouped (`KeyedStream`) stream. The step graph's node types, which
 * only the runtimes read, are in `@fp/topology/internal`.
 */
export { createTopology } from './topology';
export { KeyedStream, Stream, Table, WindowedStream, WindowedTable } from './streams';
export { TopologyError, topologyErrorCodes } from './errors';
export { v8Serde } from './v8-serde';
export { windowedKeySerde } from './windowed-key-serde';
export type { TopologyBuilder } from './topology';
export type {
  KeyedProcessor,
  ProcessorContext,
  RepartitionOptions,
  SinkOptions,
  SourceOptions,
  Topology,
  TopologyDescription,
  WatermarkStrategy,
  Windowed,
} from './types';
export type { TopologyErrorCode } from './errors';
