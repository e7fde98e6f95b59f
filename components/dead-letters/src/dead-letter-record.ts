import type { SinkRecord } from '@fp/kafka-sink';
import type { RecordFailedError } from './errors';

/** The record as read from Kafka: what a dead letter must reproduce byte for byte. */
export interface SourceRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | readonly Buffer[]>>;
  readonly timestampMs?: number;
}

export const DEAD_LETTER_HEADERS = {
  errorCode: 'fp-error-code',
  errorMessage: 'fp-error-message',
  sourceTopic: 'fp-source-topic',
  sourcePartition: 'fp-source-partition',
  sourceOffset: 'fp-source-offset',
  step: 'fp-step',
} as const;

/** Enough to diagnose; a stack trace or a whole payload echoed in a message would bloat every dead letter. */
export const MAX_ERROR_MESSAGE_CHARS = 1_000;

/**
 * The dead letter for a failed record: the original key, value, headers and timestamp, plus the
 * `fp-*` headers saying what failed where. `fp-error-code` is the original error's code (e.g.
 * `SERDES_JSON_SYNTAX`), `fp-error-message` its message. Existing `fp-*` headers are replaced.
 */
export function buildDeadLetterRecord(
  deadLetterTopic: string,
  record: SourceRecord,
  failure: RecordFailedError,
): SinkRecord {
  const cause = failure.cause instanceof Error ? failure.cause : failure;
  // A stale step header from an earlier dead-lettering would misattribute this failure.
  const originalHeaders = { ...record.headers };
  delete originalHeaders[DEAD_LETTER_HEADERS.step];
  const message =
    cause.message.length > MAX_ERROR_MESSAGE_CHARS
      ? `${cause.message.slice(0, MAX_ERROR_MESSAGE_CHARS)}…`
      : cause.message;
  return {
    topic: deadLetterTopic,
    key: record.key,
    value: record.value,
    ...(record.timestampMs === undefined ? {} : { timestampMs: record.timestampMs }),
    headers: {
      ...originalHeaders,
      [DEAD_LETTER_HEADERS.errorCode]: failure.causeCode,
      [DEAD_LETTER_HEADERS.errorMessage]: message,
      [DEAD_LETTER_HEADERS.sourceTopic]: record.topic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(record.partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: record.offset,
      ...(failure.stepName === undefined ? {} : { [DEAD_LETTER_HEADERS.step]: failure.stepName }),
    },
  };
}
