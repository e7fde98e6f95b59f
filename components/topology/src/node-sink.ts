import type { Serde } from '@fp/serdes';
import type { TopologyNode } from './types';

/** Distributes `Omit` over the node union so each variant keeps its own fields. */
export type NewNode = TopologyNode extends infer Node ? (Node extends TopologyNode ? Omit<Node, 'id'> : never) : never;

/** What the stream classes need from the topology under construction. @internal */
export interface NodeSink {
  add(node: NewNode): number;
  nameOf(nodeId: number): string;
  readonly defaultSerde: Serde<unknown>;
}
