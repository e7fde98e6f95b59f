/**
 * @fp/errors: the error vocabulary shared by every brick.
 *
 * Each brick declares one `<Brick>Error extends PipelineError<Code>` with a closed list of codes.
 * The runtimes read only `domain`: an error of domain `data` thrown while a record is decoded or
 * processed makes that record bad, and the source's `BadRecordPolicy` decides; any other error
 * stops the worker. `retry` is a hint for code that calls a brick directly; no runtime retries.
 */
export { BAD_RECORD_POLICIES, isDataError } from './bad-record-policy';
export { PipelineError, isPipelineError } from './pipeline-error';
export { toError } from './to-error';

export type { BadRecordPolicy } from './bad-record-policy';
export type { ErrorDomain, PipelineErrorOptions, RetryHint } from './pipeline-error';
export type { RecordCoordinates } from './record-coordinates';
