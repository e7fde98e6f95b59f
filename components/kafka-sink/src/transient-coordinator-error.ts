/**
 * Errors of the coordinators that pass by themselves, so `sendOffsets` retries them as Java's
 * producer does: CONCURRENT_TRANSACTIONS clears once the coordinator wrote the previous
 * transaction's markers (tens of ms); the others while a restarted broker comes back and loads its
 * transaction and offset state (seconds), or while kafkajs cannot find the group coordinator
 * because the broker is down. Both requests behind `sendOffsets` (AddOffsetsToTxn,
 * TxnOffsetCommit) may be repeated within a transaction.
 *
 * kafkajs names the protocol errors after Kafka's old names: `GROUP_LOAD_IN_PROGRESS` is Java's
 * COORDINATOR_LOAD_IN_PROGRESS (code 14), `GROUP_COORDINATOR_NOT_AVAILABLE` its
 * COORDINATOR_NOT_AVAILABLE (15), `NOT_COORDINATOR_FOR_GROUP` its NOT_COORDINATOR (16).
 */
const TRANSIENT_COORDINATOR_ERROR_TYPES = new Set([
  'CONCURRENT_TRANSACTIONS',
  'GROUP_LOAD_IN_PROGRESS',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR_FOR_GROUP',
]);

export function isTransientCoordinatorError(error: unknown): boolean {
  const { type, name, retriable } = (error ?? {}) as { type?: unknown; name?: unknown; retriable?: unknown };
  return (
    (typeof type === 'string' && TRANSIENT_COORDINATOR_ERROR_TYPES.has(type)) ||
    name === 'KafkaJSGroupCoordinatorNotFound' ||
    // Connection refused or reset, request timeouts: kafkajs marks them retriable and gave up already.
    (name === 'KafkaJSConnectionError' && retriable === true) ||
    name === 'KafkaJSRequestTimeoutError' ||
    name === 'KafkaJSNumberOfRetriesExceeded'
  );
}
