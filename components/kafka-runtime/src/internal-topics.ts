import type { KafkaAdmin } from '@fp/kafka-admin';
import type { PartitionPlan } from '@fp/stream-runtime/internal';
import type { Topology } from '@fp/topology';

/** Partitions of a repartition topic: those of the sub-topology that reads it. */
export function partitionsOfInternal(plan: PartitionPlan, topic: string): number {
  const reader = plan.repartitionReaders.get(topic);
  return reader === undefined ? 1 : (plan.subTopologyPartitions.get(reader) ?? 1);
}

/** Creates the repartition topics and the compacted changelog topics (one partition per task) that are missing. */
export async function ensureInternalTopics(
  admin: KafkaAdmin,
  topology: Topology,
  plan: PartitionPlan,
  replicationFactor: number,
): Promise<void> {
  const specs = [
    ...Object.values(topology.repartitionTopics).map((topic) => ({
      topic,
      partitions: partitionsOfInternal(plan, topic),
      replicationFactor,
      // Kept regardless of age (re-keyed backfills carry old event times); purged once consumed.
      configs: { 'retention.ms': '-1' },
    })),
    ...topology.subTopologies.flatMap((subTopology) =>
      subTopology.stores.map((stepName) => ({
        topic: topology.changelogTopics[stepName] as string,
        partitions: plan.subTopologyPartitions.get(subTopology.id) ?? 1,
        replicationFactor,
        configs: { 'cleanup.policy': 'compact' },
      })),
    ),
  ];
  if (specs.length > 0) await admin.ensureTopics(specs);
}
