import type { SinkRecord } from './sink-record';

/**
 * Why a batch was not acknowledged, in words an operator can act on. A broker refuses a record
 * timestamped further ahead of its clock than the topic's `message.timestamp.after.max.ms` (one hour
 * by default from Kafka 4) or further behind than `message.timestamp.before.max.ms`, answering
 * INVALID_TIMESTAMP without saying which setting: the message names both and the batch's range.
 */
export function describeSendFailure(batch: readonly SinkRecord[], error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (!hasInvalidTimestamp(error)) return `a batch of ${batch.length} records was not acknowledged: ${reason}`;
  const topics = [...new Set(batch.map(({ topic }) => topic))].join(', ');
  const stamped = batch.flatMap(({ timestampMs }) => (timestampMs === undefined ? [] : [timestampMs]));
  const range =
    stamped.length === 0
      ? ''
      : ` (record timestamps ${new Date(Math.min(...stamped)).toISOString()} to ${new Date(Math.max(...stamped)).toISOString()})`;
  return (
    `the broker refused the timestamps of a batch of ${batch.length} records to ${topics}${range} (INVALID_TIMESTAMP): ` +
    'a topic accepts timestamps at most message.timestamp.after.max.ms ahead of the broker clock (Kafka 4 default: 1 hour) ' +
    'and at most message.timestamp.before.max.ms behind it; check the clocks and event times of the input, ' +
    `or raise those settings on ${topics}`
  );
}

function hasInvalidTimestamp(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 8; depth++) {
    const facts = current as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (facts.type === 'INVALID_TIMESTAMP') return true;
    current = facts.cause ?? facts.originalError;
  }
  return false;
}
