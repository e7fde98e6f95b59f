import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { hookedRoundRobinAssigner, isJoinAndSyncPatchable } from './rebalance-hooks';

describe('rebalance hooks', () => {
  it('find the kafkajs 2.2.4 internals they wrap (fails loudly if kafkajs moves them)', () => {
    expect(isJoinAndSyncPatchable()).toBe(true);
  });

  it('rely on kafkajs sending the group member id field on JoinGroup (how a remembered id is reused)', () => {
    const source = readFileSync(
      createRequire(import.meta.url).resolve('kafkajs/src/consumer/consumerGroup.js'),
      'utf8',
    );
    expect(source).toContain("memberId: this.memberId || '',");
    // A stale remembered id is dropped by kafkajs itself, which then joins as a new member.
    expect(source).toMatch(/UNKNOWN_MEMBER_ID'\) \{\s*this\.memberId = null/);
  });

  it('behave as kafkajs round-robin assigner for the group protocol', () => {
    const hooks = { beforeJoin: async () => undefined, afterJoin: async () => undefined };
    const assigner = hookedRoundRobinAssigner(hooks)({ cluster: {} as never, groupId: 'g', logger: {} as never });
    expect(assigner.name).toBe('RoundRobinAssigner');
    expect(assigner.protocol({ topics: ['t'] })).toMatchObject({ name: 'RoundRobinAssigner' });
  });
});
