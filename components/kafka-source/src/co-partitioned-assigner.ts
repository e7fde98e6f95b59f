import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/**
 * Assigns partition `p` of EVERY subscribed topic to the same member (`members[p % count]`, members
 * sorted by id). Stream tasks read partition `p` of several co-partitioned topics at once (a merge of
 * two sources, a source and a repartition topic); round-robin would split those topics between
 * members and no member could run the task. Balance follows the partition numbers, so give topics
 * at least as many partitions as there are members.
 */
export const coPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'FpCoPartitionedAssigner',
  version: 0,
  async assign({ members, topics }) {
    const sortedMembers = members.map(({ memberId }) => memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(sortedMembers.map((memberId) => [memberId, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const assignee = assignment.get(sortedMembers[partitionId % sortedMembers.length] as string) as Record<
          string,
          number[]
        >;
        (assignee[topic] ??= []).push(partitionId);
      }
    }
    return [...assignment].map(([memberId, memberAssignment]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 0,
        assignment: memberAssignment,
        userData: Buffer.alloc(0),
      }),
    }));
  },
  protocol({ topics }) {
    return {
      name: 'FpCoPartitionedAssigner',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});
