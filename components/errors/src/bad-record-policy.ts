import { isPipelineError, type PipelineError } from './pipeline-error';

/**
 * What happens to a bad record (one that cannot be decoded, or that a step rejects with a data
 * error), named by what it does:
 * - `fail`: stop, without committing past the record (the default everywhere);
 * - `skip`: count it and carry on;
 * - `dead-letter`: send the original record to the dead-letter topic with its coordinates, count it
 *   and carry on.
 */
export const BAD_RECORD_POLICIES = ['fail', 'skip', 'dead-letter'] as const;
export type BadRecordPolicy = (typeof BAD_RECORD_POLICIES)[number];

/**
 * True for an error that says "this record is bad" (domain `data`), the only kind a bad-record
 * policy applies to; any other error is a bug or a failed dependency, and skipping it would lose
 * good records.
 */
export function isDataError(value: unknown): value is PipelineError {
  return isPipelineError(value) && value.domain === 'data';
}
