import { describe, expect, it } from 'vitest';
import { hookedRoundRobinAssigner, isJoinAndSyncPatchable } from './rebalance-hooks';

describe('rebalance hooks', () => {
  it('find the kafkajs 2.2.4 internals they wrap (fails loudly if kafkajs moves them)', () => {
    expect(isJoinAndSyncPatchable()).toBe(true);
  });

  it('behave as kafkajs round-robin assigner for the group protocol', () => {
    const hooks = { beforeJoin: async () => undefined, afterJoin: async () => undefined };
    const assigner = hookedRoundRobinAssigner(hooks)({ cluster: {} as never, groupId: 'g', logger: {} as never });
    expect(assigner.name).toBe('RoundRobinAssigner');
    expect(assigner.protocol({ topics: ['t'] })).toMatchObject({ name: 'RoundRobinAssigner' });
  });
});
