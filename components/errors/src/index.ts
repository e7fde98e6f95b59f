/**
 * @fp/errors: the error vocabulary shared by every brick.
 *
 * Each brick declares one `<Brick>Error extends PipelineError<Code>` with a closed list of codes;
 * the runtime decides what to do from `domain` and `retry`, never from the class.
 */
export { PipelineError, isPipelineError } from './pipeline-error';
export type { ErrorDomain, PipelineErrorOptions, RetryHint } from './pipeline-error';
export { toError } from './to-error';
