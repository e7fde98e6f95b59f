import { describe, expect, it } from 'vitest';
import { toTopicMessages } from './to-topic-messages';

describe('toTopicMessages()', () => {
  it('groups by topic keeping order, with headers, partition and timestamp', () => {
    expect(
      toTopicMessages([
        { topic: 'a', key: 'k1', value: 'v1' },
        { topic: 'b', key: null, value: null, partition: 2, timestampMs: 1_700_000_000_000 },
        { topic: 'a', key: 'k2', value: 'v2', headers: { h: 'x' } },
      ]),
    ).toEqual([
      {
        topic: 'a',
        messages: [
          { key: 'k1', value: 'v1' },
          { key: 'k2', value: 'v2', headers: { h: 'x' } },
        ],
      },
      { topic: 'b', messages: [{ key: null, value: null, partition: 2, timestamp: '1700000000000' }] },
    ]);
  });
});
