import fetchV10 from 'kafkajs/src/protocol/requests/fetch/v10/response.js';
import fetchV11 from 'kafkajs/src/protocol/requests/fetch/v11/response.js';
import fetchV4 from 'kafkajs/src/protocol/requests/fetch/v4/response.js';
import fetchV5 from 'kafkajs/src/protocol/requests/fetch/v5/response.js';
import fetchV6 from 'kafkajs/src/protocol/requests/fetch/v6/response.js';
import fetchV7 from 'kafkajs/src/protocol/requests/fetch/v7/response.js';
import fetchV8 from 'kafkajs/src/protocol/requests/fetch/v8/response.js';
import fetchV9 from 'kafkajs/src/protocol/requests/fetch/v9/response.js';

/** The parts of a decoded fetch partition the filter reads. */
export interface FetchedPartition {
  abortedTransactions: { producerId: string; firstOffset: string }[];
  messages: {
    offset: string;
    key: Buffer | null;
    isControlRecord?: boolean;
    batchContext: { producerId: string; inTransaction: boolean };
  }[];
}

/** Control record key of an abort marker: version 0, type 0 (ABORT). */
const ABORT_MARKER_KEY = Buffer.from([0, 0, 0, 0]);
const IS_PATCHED = Symbol.for('@fp/kafka-connection/read-committed-fix');

/**
 * Hides the records of aborted transactions in a fetched partition, the way the Java client
 * filters them: aborted transactions ordered by their first offset, every one whose first offset is
 * at or before a record counted as open, a producer's transaction closed by its abort marker.
 *
 * kafkajs 2.2.4 assumes the broker lists aborted transactions by first offset, but the broker lists
 * them in the order they were aborted; with several transactional producers writing one partition
 * (one per stream task), read_committed consumers then receive aborted records. The list is
 * emptied afterwards, so kafkajs' own filter has nothing left to get wrong.
 *
 * Aborted records are marked as control records rather than removed: kafkajs never delivers control
 * records but still moves the position past them. Removed, a fetch holding nothing but aborted
 * records would look empty to kafkajs, which would then fetch the same offset forever.
 */
export function dropAbortedRecords(partition: FetchedPartition): void {
  if (partition.abortedTransactions.length === 0) return;
  const aborted = [...partition.abortedTransactions].sort((a, b) => compareOffsets(a.firstOffset, b.firstOffset));
  const open = new Set<string>();
  let next = 0;
  for (const message of partition.messages) {
    const offset = BigInt(message.offset);
    while (next < aborted.length && BigInt((aborted[next] as { firstOffset: string }).firstOffset) <= offset) {
      open.add(String((aborted[next] as { producerId: string }).producerId));
      next++;
    }
    const producerId = String(message.batchContext.producerId);
    if (message.isControlRecord) {
      if (message.key !== null && Buffer.from(message.key).equals(ABORT_MARKER_KEY)) open.delete(producerId);
    } else if (message.batchContext.inTransaction && open.has(producerId)) {
      message.isControlRecord = true;
    }
  }
  partition.abortedTransactions = [];
}

function compareOffsets(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/**
 * Wraps kafkajs' fetch response parsing (v4 and later carry aborted transactions) with
 * `dropAbortedRecords`. Idempotent; kafkajs is pinned to 2.2.4 and `read-committed-fix.test.ts`
 * fails if these internals move.
 */
export function installReadCommittedFix(): void {
  for (const response of [fetchV4, fetchV5, fetchV6, fetchV7, fetchV8, fetchV9, fetchV10, fetchV11]) {
    const patchable = response as typeof response & { [IS_PATCHED]?: true };
    if (patchable[IS_PATCHED]) continue;
    const parse = response.parse;
    response.parse = async (data) => {
      const parsed = (await parse(data)) as { responses?: { partitions?: FetchedPartition[] }[] };
      for (const topic of parsed.responses ?? []) {
        for (const partition of topic.partitions ?? []) dropAbortedRecords(partition);
      }
      return parsed;
    };
    patchable[IS_PATCHED] = true;
  }
}
