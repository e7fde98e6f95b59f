import Batch from 'kafkajs/src/consumer/batch.js';
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

/** What kafkajs hands to the application: it never delivers control records. */
const delivered = (partition: FetchedPartition) => partition.messages.filter((message) => !message.isControlRecord);

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
    expect(delivered(partition).map(({ offset }) => offset)).toEqual(['2', '6']);
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
    expect(delivered(partition).map(({ offset }) => offset)).toEqual(['12']);
  });

  it('lets kafkajs move past a fetch holding nothing but aborted records (it would refetch them forever)', () => {
    // The abort marker is beyond this response (fetch size limit): only aborted records arrived.
    const partition: FetchedPartition = {
      abortedTransactions: [{ producerId: '7', firstOffset: '40' }],
      messages: [record(40, '7'), record(41, '7'), record(42, '7')],
    };
    dropAbortedRecords(partition);
    const batch = new Batch('t', '40', { partition: 0, highWatermark: '50', ...partition });
    expect(batch.isEmpty()).toBe(true);
    // kafkajs' runner resolves lastOffset() of a batch that is "empty due to filtering".
    expect(batch.isEmptyDueToFiltering()).toBe(true);
    expect(batch.lastOffset()).toBe('42');
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
    const partition = parsed.responses[0]?.partitions[0] as FetchedPartition;
    expect(delivered(partition)).toEqual([]);
    expect(partition.messages.map(({ offset }) => offset)).toEqual(['0', '1']);
  });
});
