import ConsumerGroup from 'kafkajs/src/consumer/consumerGroup.js';
import { PartitionAssigners, type PartitionAssigner } from 'kafkajs';

/** What a source runs around each (re)join of its consumer group. */
export interface RebalanceHooks {
  /** Runs before the member sends JoinGroup: its partitions cannot move to another member yet. */
  beforeJoin(): Promise<void>;
  /** Runs after SyncGroup, before the first fetch of the new generation. */
  afterJoin(assigned: { topic: string; partitions: number[] }[]): Promise<void>;
}

const HOOKS = Symbol.for('@fp/kafka-source/rebalance-hooks');
const IS_PATCHED = Symbol.for('@fp/kafka-source/join-and-sync-patched');

type HookedAssigner = { [HOOKS]?: RebalanceHooks };

/**
 * kafkajs 2.2.4 has no rebalance listener, and its `GROUP_JOIN`/`REBALANCING` events are not
 * awaited. Every (re)join goes through `ConsumerGroup.joinAndSync()`, called by the runner only when
 * no batch is being processed; wrapping it is the one place where "before the partitions move" and
 * "before the first fetch" can be awaited. The wrapper finds the source's hooks on the partition
 * assigner the source passed (kafkajs keeps assigners on the group), so consumers without them are
 * untouched. kafkajs is pinned to 2.2.4; `rebalance-hooks.test.ts` fails if the internals move.
 */
function patchJoinAndSync(): void {
  const prototype = ConsumerGroup.prototype as ConsumerGroup & { [IS_PATCHED]?: true };
  if (prototype[IS_PATCHED]) {
    return;
  }
  const original = prototype.joinAndSync;
  prototype.joinAndSync = async function joinAndSyncWithHooks(this: ConsumerGroup): Promise<void> {
    const hooks = this.assigners.map((assigner) => (assigner as HookedAssigner)[HOOKS]).find(Boolean);
    if (hooks === undefined) {
      return original.call(this);
    }
    await hooks.beforeJoin();
    await original.call(this);
    await hooks.afterJoin(this.assigned());
  };
  prototype[IS_PATCHED] = true;
}

/**
 * kafkajs' round-robin assigner carrying the hooks. Pass it as the consumer's only
 * `partitionAssigners` entry.
 */
export function hookedRoundRobinAssigner(hooks: RebalanceHooks): PartitionAssigner {
  return withHooks(PartitionAssigners.roundRobin, hooks);
}

/** Any assigner (e.g. `coPartitionedAssigner`) carrying the hooks. */
export function withHooks(assigner: PartitionAssigner, hooks: RebalanceHooks): PartitionAssigner {
  patchJoinAndSync();
  return (config) => Object.assign(assigner(config), { [HOOKS]: hooks });
}

/** For the guard test: the kafkajs internals this module relies on are where it expects them. */
export function isJoinAndSyncPatchable(): boolean {
  return typeof ConsumerGroup === 'function' && typeof ConsumerGroup.prototype.joinAndSync === 'function';
}
