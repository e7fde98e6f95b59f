import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const workerOpsErrorCodes = ['WORKER_OPS_INVALID_OPTIONS', 'WORKER_OPS_LISTEN_FAILED'] as const;
export type WorkerOpsErrorCode = (typeof workerOpsErrorCodes)[number];

export class WorkerOpsError extends PipelineError<WorkerOpsErrorCode> {
  constructor(code: WorkerOpsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
