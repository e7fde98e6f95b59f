/**
 * @fp/topology/internal: the step graph as the runtimes read it (`@fp/stream-runtime`,
 * `@fp/kafka-runtime`). Pipelines never need these: they build the graph with the DSL of the main
 * entry point, and a change here is a change to the runtimes, not to any pipeline.
 */
export type {
  AggregateNode,
  IntervalJoinNode,
  ProcessNode,
  RepartitionNode,
  SinkNode,
  SourceNode,
  StatefulNode,
  SubTopology,
  TableJoinNode,
  TopologyNode,
  WindowedAggregateNode,
  WindowJoinNode,
} from './types';
