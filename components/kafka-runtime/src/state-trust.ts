/** What a task knows, when it opens, about one store's local state and the group's committed position. */
export interface StateTrustInputs {
  readonly guarantee: 'at-least-once' | 'exactly-once';
  /** `topic#partition` -> offset, as the local store's last commit recorded them. */
  readonly localOffsets: ReadonlyMap<string, string>;
  /** `topic#partition` -> offset, as committed to the consumer group. */
  readonly committedOffsets: ReadonlyMap<string, string>;
  /** Exactly-once: the transaction number in the local store's metadata, `undefined` if none. */
  readonly localCheckpoint: number | undefined;
  /** Exactly-once: the transaction number committed with the group's offsets, `undefined` if none. */
  readonly committedCheckpoint: number | undefined;
}

/**
 * The invariant of restarts: which local state a task may keep, rather than rebuild from its
 * changelog (see the kafka-runtime README, "Which local state a successor trusts").
 *
 * - At-least-once: the state is written before the offsets are committed, so local state at or
 *   ahead of the committed offsets is a checkpoint the task resumes from (it seeks to the offsets
 *   the state reflects); behind them, another member or a lost disk moved on without it.
 * - Exactly-once: the committed transaction is the only truth. The local state is written after the
 *   transaction commits, so after a crash it may be one transaction behind, possibly with the same
 *   offsets (a transaction that only fired windows). It is kept only when it is the state of exactly
 *   that transaction: same transaction number, same offsets. Anything else is rebuilt from the
 *   changelog, read_committed.
 */
export function isLocalStateTrusted(inputs: StateTrustInputs): boolean {
  const { localOffsets, committedOffsets } = inputs;
  if (inputs.guarantee === 'at-least-once') {
    return [...committedOffsets].every(([input, offset]) => BigInt(localOffsets.get(input) ?? '-1') >= BigInt(offset));
  }
  if (inputs.localCheckpoint !== inputs.committedCheckpoint) return false;
  const positions = new Set([...localOffsets.keys(), ...committedOffsets.keys()]);
  return [...positions].every((input) => localOffsets.get(input) === committedOffsets.get(input));
}
