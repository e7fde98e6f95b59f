import { BAD_RECORD_POLICIES, isDataError, type BadRecordPolicy } from '@fp/errors';
import type { SinkRecord } from '@fp/kafka-sink';
import { buildDeadLetterRecord, type SourceRecord } from './dead-letter-record';
import { DeadLettersError, RecordFailedError } from './errors';

/** Where dead letters go; a `KafkaSink` is one. `send` queues; the runtime's checkpoint flushes it. */
export interface DeadLetterSink {
  send(record: SinkRecord): void;
}

export interface DeadLetterHandlerOptions {
  /** Default `'fail'`. */
  readonly policy?: BadRecordPolicy;
  /** Required with `'dead-letter'`. */
  readonly deadLetterTopic?: string;
  /** Required with `'dead-letter'`. */
  readonly sink?: DeadLetterSink;
}

export type DecodeOutcome<T> =
  | { readonly isDecoded: true; readonly value: T }
  | { readonly isDecoded: false; readonly outcome: 'skipped' | 'dead-lettered'; readonly error: RecordFailedError };

export interface DeadLetterCounts {
  readonly decoded: number;
  readonly skipped: number;
  readonly deadLettered: number;
  readonly failed: number;
}

/**
 * Applies the policy to bad records. Only errors with domain `data` (this record is bad) are
 * subject to it; any other error (a bug, a registry that is down) is rethrown unchanged, because
 * skipping it would lose good records.
 */
export interface DeadLetterHandler {
  /**
   * `decode(record)` or, when it throws a `data` error, the policy's outcome.
   * @throws RecordFailedError (`DEAD_LETTERS_RECORD_FAILED`, domain `data`) under `'fail'`.
   */
  decodeOrDeadLetter<T>(record: SourceRecord, decode: (record: SourceRecord) => T, stepName?: string): DecodeOutcome<T>;
  /** The policy for an error raised later (e.g. while processing the decoded record). */
  handleFailure(record: SourceRecord, error: unknown, stepName?: string): 'skipped' | 'dead-lettered';
  /** Outcomes so far, for metrics. */
  counts(): DeadLetterCounts;
  readonly policy: BadRecordPolicy;
}

export function createDeadLetterHandler(options: DeadLetterHandlerOptions = {}): DeadLetterHandler {
  const policy = options.policy ?? 'fail';
  const problems: string[] = [];
  if (!BAD_RECORD_POLICIES.includes(policy)) {
    problems.push(`policy "${String(policy)}" is not one of ${BAD_RECORD_POLICIES.join(', ')}`);
  }
  if (policy === 'dead-letter' && (options.deadLetterTopic === undefined || options.deadLetterTopic === '')) {
    problems.push("policy 'dead-letter' needs deadLetterTopic (the topic bad records are written to)");
  }
  if (policy === 'dead-letter' && options.sink === undefined) {
    problems.push("policy 'dead-letter' needs a sink to write dead letters with");
  }
  if (problems.length > 0) {
    throw new DeadLettersError('DEAD_LETTERS_INVALID_OPTIONS', `invalid dead-letter options: ${problems.join('; ')}`);
  }
  const counts = { decoded: 0, skipped: 0, deadLettered: 0, failed: 0 };

  function apply(
    record: SourceRecord,
    error: unknown,
    stepName: string | undefined,
  ): { outcome: 'skipped' | 'dead-lettered'; error: RecordFailedError } {
    if (!isDataError(error)) {
      throw error;
    }
    const failure =
      error instanceof RecordFailedError
        ? error
        : new RecordFailedError(
            {
              topic: record.topic,
              partition: record.partition,
              offset: record.offset,
              ...(stepName === undefined ? {} : { stepName }),
            },
            error,
          );
    switch (policy) {
      case 'fail':
        counts.failed += 1;
        throw failure;
      case 'skip':
        counts.skipped += 1;
        return { outcome: 'skipped', error: failure };
      case 'dead-letter':
        options.sink?.send(buildDeadLetterRecord(options.deadLetterTopic as string, record, failure));
        counts.deadLettered += 1;
        return { outcome: 'dead-lettered', error: failure };
    }
  }

  return {
    policy,
    decodeOrDeadLetter(record, decode, stepName) {
      let value;
      try {
        value = decode(record);
      } catch (error) {
        return { isDecoded: false, ...apply(record, error, stepName) };
      }
      counts.decoded += 1;
      return { isDecoded: true, value };
    },
    handleFailure: (record, error, stepName) => apply(record, error, stepName).outcome,
    counts: () => ({ ...counts }),
  };
}
