import { AssignerProtocol } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { coPartitionedAssigner } from './co-partitioned-assigner';

const partitionsByTopic: Record<string, number> = { skyone: 5, sunset: 5, 'app-by-email-repartition': 5 };
const cluster = {
  findTopicPartitionMetadata: (topic: string) =>
    Array.from({ length: partitionsByTopic[topic] ?? 0 }, (_, partitionId) => ({ partitionId })),
};

async function assign(memberIds: string[]) {
  const assigner = coPartitionedAssigner({ cluster } as never);
  const result = await assigner.assign({
    members: memberIds.map((memberId) => ({ memberId, memberMetadata: Buffer.alloc(0) })) as never,
    topics: Object.keys(partitionsByTopic),
  });
  return Object.fromEntries(
    result.map(({ memberId, memberAssignment }) => [
      memberId,
      AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment ?? {},
    ]),
  );
}

describe('coPartitionedAssigner', () => {
  it('gives partition p of every topic to the same member', async () => {
    const byMember = await assign(['m-b', 'm-a']);
    // Sorted members: m-a gets even partitions, m-b odd ones, on every topic alike.
    expect(byMember['m-a']).toEqual({ skyone: [0, 2, 4], sunset: [0, 2, 4], 'app-by-email-repartition': [0, 2, 4] });
    expect(byMember['m-b']).toEqual({ skyone: [1, 3], sunset: [1, 3], 'app-by-email-repartition': [1, 3] });
  });

  it('gives a member without partitions an empty assignment rather than leaving it out', async () => {
    const byMember = await assign(Array.from({ length: 7 }, (_, n) => `m-${n}`));
    expect(Object.keys(byMember)).toHaveLength(7);
    expect(byMember['m-6']).toEqual({});
  });
});
