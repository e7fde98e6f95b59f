import { describe, expect, it } from 'vitest';
import { partitionMismatches, validateTopicSpecs } from './topic-spec';

describe('validateTopicSpecs()', () => {
  it('accepts a compacted changelog spec', () => {
    expect(() =>
      validateTopicSpecs([
        { topic: 'app-store-changelog', partitions: 6, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } },
      ]),
    ).not.toThrow();
  });

  it('lists every bad spec in one KAFKA_ADMIN_INVALID_OPTIONS error', () => {
    expect(() =>
      validateTopicSpecs([
        { topic: 'bad name', partitions: 1, replicationFactor: 1 },
        { topic: 'ok', partitions: 0, replicationFactor: 1 },
        { topic: 'ok', partitions: 1, replicationFactor: 0.5 },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'KAFKA_ADMIN_INVALID_OPTIONS',
        message: expect.stringMatching(/"bad name".*partitions must be.*listed twice.*replicationFactor/),
      }),
    );
  });
});

describe('partitionMismatches()', () => {
  it('reports only existing topics whose partition count differs', () => {
    const specs = [
      { topic: 'a', partitions: 6, replicationFactor: 1 },
      { topic: 'b', partitions: 3, replicationFactor: 1 },
      { topic: 'c', partitions: 3, replicationFactor: 1 },
    ];
    expect(
      partitionMismatches(
        specs,
        new Map([
          ['a', 6],
          ['b', 4],
        ]),
      ),
    ).toEqual(['"b" has 4 partitions, expected 3']);
  });
});
