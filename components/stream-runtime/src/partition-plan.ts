import type { Topology } from '@fp/topology';
import type { SubTopology, TopologyNode } from '@fp/topology/internal';
import { StreamRuntimeError } from './errors';

/** How many partitions (and so tasks) each sub-topology has, and which sub-topology reads each repartition topic. */
export interface PartitionPlan {
  readonly subTopologyPartitions: ReadonlyMap<number, number>;
  /** repartition topic -> id of the sub-topology that reads it */
  readonly repartitionReaders: ReadonlyMap<string, number>;
  /** Task ids (`<subTopology>_<partition>`) with the stores each one owns. */
  readonly tasks: readonly { readonly taskId: string; readonly stores: readonly string[] }[];
}

/**
 * Source sub-topologies take their topics' partition count (all equal, or the inputs are not
 * co-partitioned and no task could see all records of a key); a repartition topic takes its
 * writer's count unless the step configures one.
 *
 * @throws StreamRuntimeError `STREAM_RUNTIME_NOT_COPARTITIONED` naming the topics and their counts
 */
export function planPartitions(topology: Topology, partitionsOf: (topic: string) => number): PartitionPlan {
  const repartitionReaders = new Map<string, number>();
  const writers = new Map<string, { readonly subTopologyId: number; readonly configured: number | undefined }>();
  for (const node of topology.nodes) {
    if (node.kind !== 'repartition') continue;
    const topic = repartitionTopicOf(topology, node);
    const reader = topology.subTopologies.find((subTopology) => subTopology.inputTopics.includes(topic));
    const writer = topology.subTopologies.find((subTopology) => subTopology.nodeIds.includes(node.id));
    if (reader) repartitionReaders.set(topic, reader.id);
    if (writer) writers.set(topic, { subTopologyId: writer.id, configured: node.options.partitions });
  }

  const subTopologyPartitions = new Map<number, number>();
  const inputPartitions = (topic: string): number | undefined => {
    const writer = writers.get(topic);
    if (!writer) return partitionsOf(topic);
    return writer.configured ?? subTopologyPartitions.get(writer.subTopologyId);
  };
  // A repartition topic's count depends on its writer's, so iterate to a fixpoint.
  for (let round = 0; round <= topology.subTopologies.length; round++) {
    for (const subTopology of topology.subTopologies) {
      const counts = subTopology.inputTopics.map(inputPartitions);
      if (counts.some((count) => count === undefined)) continue;
      const distinct = [...new Set(counts as number[])];
      if (distinct.length > 1) {
        const detail = subTopology.inputTopics.map((topic, index) => `${topic}: ${String(counts[index])}`).join(', ');
        throw new StreamRuntimeError(
          'STREAM_RUNTIME_NOT_COPARTITIONED',
          `sub-topology ${subTopology.id} reads topics that are not co-partitioned (${detail}); give them the same partition count or repartition one side`,
        );
      }
      subTopologyPartitions.set(subTopology.id, distinct[0] ?? 1);
    }
  }

  const tasks = topology.subTopologies.flatMap((subTopology) =>
    Array.from({ length: subTopologyPartitions.get(subTopology.id) ?? 1 }, (_, partition) => ({
      taskId: `${subTopology.id}_${partition}`,
      stores: subTopology.stores,
    })),
  );
  return { subTopologyPartitions, repartitionReaders, tasks };
}

/** The topic a repartition step writes: the topology's name for it, else the step's own name. */
export function repartitionTopicOf(topology: Topology, node: TopologyNode): string {
  return topology.repartitionTopics[node.name] ?? node.name;
}

/** The sub-topology that writes a repartition topic, `undefined` for a topic no step writes. */
export function repartitionWriterOf(topology: Topology, topic: string): SubTopology | undefined {
  return topology.subTopologies.find((subTopology) =>
    subTopology.nodeIds.some((id) => {
      const node = topology.nodes[id];
      return node?.kind === 'repartition' && repartitionTopicOf(topology, node) === topic;
    }),
  );
}

/** Number of tasks writing a repartition topic (each sends its own watermark markers). */
export function upstreamTaskCount(topology: Topology, plan: PartitionPlan, topic: string): number {
  const writer = repartitionWriterOf(topology, topic);
  return writer ? (plan.subTopologyPartitions.get(writer.id) ?? 1) : 0;
}
