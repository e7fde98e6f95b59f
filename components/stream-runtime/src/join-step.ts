import {
  createIntervalJoin,
  createStreamTableJoin,
  createVersionedTable,
  createWindowJoin,
  type JoinAddResult,
  type Joined,
  type JoinStateStore,
} from '@fp/joins';
import type { StepState } from '@fp/keyed-state';
import type { IntervalJoinNode, TableJoinNode, WindowJoinNode } from '@fp/topology/internal';
import type { StateKeyCodec } from './state-key';

type Emit = (key: unknown, value: unknown, timestampMs: number) => void;

/** A two-input step: one emitter per input (in the order of the node's parents). */
export interface JoinStep {
  readonly sides: readonly [Emit, Emit];
  advanceWatermark(watermarkMs: number): void;
  /** Rebuilds the engines' in-memory indexes from the store (task start). */
  restore(): Promise<void>;
}

export interface JoinStepOptions {
  readonly node: IntervalJoinNode | WindowJoinNode | TableJoinNode;
  readonly store: StepState<unknown>;
  readonly keys: StateKeyCodec<unknown>;
  readonly next: Emit;
  readonly onLate: (key: unknown, value: unknown, timestampMs: number) => void;
}

/**
 * One store per join step, split by a one-letter prefix per engine part: `l`/`r` buffered left and
 * right records of an interval join; `t` table versions and `p` records waiting for the watermark
 * of a table join.
 */
function prefixed(store: StepState<unknown>, prefix: string): JoinStateStore {
  return {
    get: (key) => store.get(prefix + key),
    put: (key, value) => store.put(prefix + key, value),
    delete: (key) => store.delete(prefix + key),
  };
}

async function keysWithPrefix(store: StepState<unknown>, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const [key] of store.scan({ prefix })) keys.push(key.slice(prefix.length));
  return keys;
}

/** Runs an interval, window or stream-table join of `@fp/joins` inside a task. */
export function createJoinStep({ node, store, keys, next, onLate }: JoinStepOptions): JoinStep {
  const emitJoined = (joined: readonly Joined<unknown>[]) => {
    for (const result of joined) next(keys.decode(result.key), result.value, result.timestampMs);
  };
  const handle = (key: unknown, value: unknown, timestampMs: number, result: JoinAddResult<unknown>) => {
    if (result.status === 'late') onLate(key, value, timestampMs);
    emitJoined(result.joined);
  };

  if (node.kind === 'interval-join') {
    const engine = createIntervalJoin<unknown, unknown, unknown>({
      beforeMs: node.beforeMs,
      afterMs: node.afterMs,
      leftStore: prefixed(store, 'l'),
      rightStore: prefixed(store, 'r'),
      joinType: node.joinType,
      joiner: node.joiner,
    } as Parameters<typeof createIntervalJoin<unknown, unknown, unknown>>[0]);
    return {
      sides: [
        (key, value, ts) => handle(key, value, ts, engine.addLeft(keys.encode(key), ts, value)),
        (key, value, ts) => handle(key, value, ts, engine.addRight(keys.encode(key), ts, value)),
      ],
      advanceWatermark: (watermarkMs) => emitJoined(engine.advanceWatermark(watermarkMs)),
      async restore() {
        engine.restore({ left: await keysWithPrefix(store, 'l'), right: await keysWithPrefix(store, 'r') });
      },
    };
  }

  if (node.kind === 'window-join') {
    const engine = createWindowJoin<unknown, unknown, unknown>({
      spec: node.window,
      joiner: node.joiner,
      leftStore: prefixed(store, 'l'),
      rightStore: prefixed(store, 'r'),
    });
    return {
      sides: [
        (key, value, ts) => handle(key, value, ts, engine.addLeft(keys.encode(key), ts, value)),
        (key, value, ts) => handle(key, value, ts, engine.addRight(keys.encode(key), ts, value)),
      ],
      advanceWatermark: (watermarkMs) => emitJoined(engine.advanceWatermark(watermarkMs)),
      async restore() {
        engine.restore({ left: await keysWithPrefix(store, 'l'), right: await keysWithPrefix(store, 'r') });
      },
    };
  }

  const table = createVersionedTable<unknown>({ retentionMs: node.retentionMs, store: prefixed(store, 't') });
  const join = createStreamTableJoin<unknown, unknown, unknown>({
    table,
    mode: node.mode,
    store: prefixed(store, 'p'),
    joinType: node.joinType,
    joiner: node.joiner,
  } as Parameters<typeof createStreamTableJoin<unknown, unknown, unknown>>[0]);
  return {
    sides: [
      (key, value, ts) => handle(key, value, ts, join.add(keys.encode(key), ts, value)),
      // A table update behind the watermark is still stored (later lookups see it); nothing to emit.
      (key, value, ts) => {
        table.upsert(keys.encode(key), ts, value ?? null);
      },
    ],
    advanceWatermark: (watermarkMs) => emitJoined(join.advanceWatermark(watermarkMs)),
    async restore() {
      table.restore(await keysWithPrefix(store, 't'));
      join.restore(await keysWithPrefix(store, 'p'));
    },
  };
}
