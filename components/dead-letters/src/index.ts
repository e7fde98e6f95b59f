/**
 * @fp/dead-letters: bad-record policies (`BadRecordPolicy` of `@fp/errors`) and the dead-letter record a
 * bad input becomes: original key/value/headers plus `fp-error-code`, `fp-error-message`,
 * `fp-source-topic`, `fp-source-partition`, `fp-source-offset` and `fp-step` headers.
 *
 * A record that cannot be decoded never stops the pipeline silently and is never lost silently: the
 * policy says which, and `counts()` feeds the metrics.
 */
export { createDeadLetterHandler } from './create-dead-letter-handler';
export type {
  DeadLetterCounts,
  DeadLetterHandler,
  DeadLetterHandlerOptions,
  DeadLetterSink,
  DecodeOutcome,
} from './create-dead-letter-handler';
export { buildDeadLetterRecord, DEAD_LETTER_HEADERS, MAX_ERROR_MESSAGE_CHARS } from './dead-letter-record';
export type { SourceRecord } from './dead-letter-record';
export { DeadLettersError, deadLettersErrorCodes, RecordFailedError } from './errors';
export type { DeadLettersErrorCode } from './errors';
