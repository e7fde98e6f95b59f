import { describe, expect, it } from 'vitest';
import { isLocalStateTrusted, type StateTrustInputs } from './state-trust';

const offsets = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

function trusted(inputs: Partial<StateTrustInputs>): boolean {
  return isLocalStateTrusted({
    guarantee: 'exactly-once',
    localOffsets: offsets({ 'in#0': '10' }),
    committedOffsets: offsets({ 'in#0': '10' }),
    localCheckpoint: 4,
    committedCheckpoint: 4,
    ...inputs,
  });
}

describe('isLocalStateTrusted()', () => {
  it('at-least-once: keeps local state at or ahead of the committed offsets, not behind', () => {
    const atLeastOnce = {
      guarantee: 'at-least-once' as const,
      localCheckpoint: undefined,
      committedCheckpoint: undefined,
    };
    expect(trusted({ ...atLeastOnce })).toBe(true);
    // Written before a crash that kept the offsets from being committed: the task seeks to it.
    expect(trusted({ ...atLeastOnce, localOffsets: offsets({ 'in#0': '12' }) })).toBe(true);
    expect(trusted({ ...atLeastOnce, localOffsets: offsets({ 'in#0': '9' }) })).toBe(false);
    // No local state at all, the group has moved on.
    expect(trusted({ ...atLeastOnce, localOffsets: offsets({}) })).toBe(false);
    // Nothing committed yet: whatever is local is ahead.
    expect(trusted({ ...atLeastOnce, committedOffsets: offsets({}) })).toBe(true);
  });

  it('exactly-once: keeps only the state of the last committed transaction', () => {
    expect(trusted({})).toBe(true);
    // One transaction behind with the same offsets (it only fired windows): kept, they would fire twice.
    expect(trusted({ localCheckpoint: 3 })).toBe(false);
    // Behind or ahead of the committed offsets under the same number.
    expect(trusted({ localOffsets: offsets({ 'in#0': '9' }) })).toBe(false);
    expect(trusted({ localOffsets: offsets({ 'in#0': '11' }) })).toBe(false);
    expect(trusted({ localOffsets: offsets({ 'in#0': '10', 'in#1': '3' }) })).toBe(false);
    // No local state while the group committed some.
    expect(trusted({ localOffsets: offsets({}), localCheckpoint: undefined })).toBe(false);
    // A fresh application: nothing anywhere.
    expect(
      trusted({
        localOffsets: offsets({}),
        committedOffsets: offsets({}),
        localCheckpoint: undefined,
        committedCheckpoint: undefined,
      }),
    ).toBe(true);
  });
});
