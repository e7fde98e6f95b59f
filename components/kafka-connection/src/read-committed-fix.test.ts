import fetchV11 from 'kafkajs/src/protocol/requests/fetch/v11/response.js';
import { describe, expect, it } from 'vitest';
import { dropAbortedRecords, installReadCommittedFix, type FetchedPartition } from './read-committed-fix';

const record = (offset: number, producerId: string, inTransaction = true) => ({
  offset: String(offset),
  key: Buffer.from(`k${offset}`),
  batchContext: { producerId, inTransaction },
});
const marker = (offset: number, producerId: string, type: 'abort' | 'commit') => ({
  offset: String(offset),
  key: Buffer.from([0, 0, 0, type === 'abort' ? 0 : 1]),
  isControlRecord: true,
  batchContext: { producerId, inTransaction: true },
});

describe('dropAbortedRecords()', () => {
  it('drops the aborted records of interleaved producers whatever order the broker lists them in', () => {
    // Producer 1 aborts [0, 3], producer 2 aborts [1, 4] but was listed first (it aborted first);
    // producer 3 commits. Kafkajs alone would keep offset 0.
    const partition: FetchedPartition = {
      abortedTransactions: [
        { producerId: '2', firstOffset: '1' },
        { producerId: '1', firstOffset: '0' },
      ],
      messages: [
        record(0, '1'),
        record(1, '2'),
        record(2, '3'),
        marker(3, '2', 'abort'),
        marker(4, '1', 'abort'),
        marker(5, '3', 'commit'),
        record(6, '1'),
      ],
    };
    dropAbortedRecords(partition);
    expect(partition.messages.filter((message) => !('isControlRecord' in message)).map(({ offset }) => offset)).toEqual(
      ['2', '6'],
    );
    expect(partition.abortedTransactions).toEqual([]);
  });

  it('opens every aborted transaction that began before the first fetched record', () => {
    const partition: FetchedPartition = {
      abortedTransactions: [
        { producerId: '1', firstOffset: '3' },
        { producerId: '2', firstOffset: '5' },
      ],
      messages: [
        record(10, '2'),
        record(11, '1'),
        record(12, '4', false),
        marker(13, '1', 'abort'),
        marker(14, '2', 'abort'),
      ],
    };
    dropAbortedRecords(partition);
    expect(partition.messages.filter((message) => !('isControlRecord' in message)).map(({ offset }) => offset)).toEqual(
      ['12'],
    );
  });
});

describe('installReadCommittedFix()', () => {
  it('wraps the fetch response parser kafkajs uses (guards against kafkajs internals moving)', async () => {
    const original = fetchV11.parse;
    installReadCommittedFix();
    installReadCommittedFix(); // idempotent
    expect(fetchV11.parse).not.toBe(original);
    const parsed = (await fetchV11.parse({
      responses: [
        {
          topicName: 't',
          partitions: [
            {
              partition: 0,
              errorCode: 0,
              abortedTransactions: [{ producerId: '1', firstOffset: '0' }],
              messages: [record(0, '1'), marker(1, '1', 'abort')],
            },
          ],
        },
      ],
    })) as { responses: { partitions: FetchedPartition[] }[] };
    expect(parsed.responses[0]?.partitions[0]?.messages.map(({ offset }) => offset)).toEqual(['1']);
  });
});
