import ConsumerGroup from 'kafkajs/src/consumer/consumerGroup.js';
import { PartitionAssigners, type PartitionAssigner } from 'kafkajs';

/** What a source runs around each (re)join of its consumer group. */
export interface RebalanceHooks {
  /** Runs before the member sends JoinGroup: its partitions cannot move to another member yet. */
  beforeJoin(): Promise<void>;
  /**
   * Runs after SyncGroup, before the first fetch of the new generation, with the member id the
   * group gave and a heartbeat to send while it works (kafkajs heartbeats only between fetches, so
   * a long `afterJoin`, e.g. a state restore, would otherwise be expelled after the session timeout).
   */
  afterJoin(
    assigned: { topic: string; partitions: number[] }[],
    memberId: string,
    heartbeat: () => Promise<void>,
  ): Promise<void>;
  /**
   * The member id to send on a consumer's first JoinGroup, if one is remembered (see
   * `memberIdFile`): a previous process's, or this one's before kafkajs restarted its consumer. A stale id costs one UNKNOWN_MEMBER_ID round trip: kafkajs then joins
   * as a new member.
   */
  rememberedMemberId?(): string | undefined;
}

const HOOKS = Symbol.for('@fp/kafka-source/rebalance-hooks');
const IS_PATCHED = Symbol.for('@fp/kafka-source/join-and-sync-patched');
const ASKED_REMEMBERED = Symbol.for('@fp/kafka-source/asked-remembered-member-id');

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
  prototype.joinAndSync = async function joinAndSyncWithHooks(
    this: ConsumerGroup & { [ASKED_REMEMBERED]?: true },
  ): Promise<void> {
    const hooks = this.assigners.map((assigner) => (assigner as HookedAssigner)[HOOKS]).find(Boolean);
    if (hooks === undefined) {
      return original.call(this);
    }
    await hooks.beforeJoin();
    if (this.memberId === null && !this[ASKED_REMEMBERED]) {
      // Only the first join of each kafkajs ConsumerGroup (there is a new one after kafkajs restarts
      // a crashed consumer, which then rejoins as itself); later joins keep what the group gave.
      this[ASKED_REMEMBERED] = true;
      this.memberId = hooks.rememberedMemberId?.() ?? null;
    }
    await original.call(this);
    await hooks.afterJoin(this.assigned(), this.memberId ?? '', () => this.heartbeat({ interval: 0 }));
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
