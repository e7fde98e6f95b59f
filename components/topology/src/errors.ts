import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const topologyErrorCodes = [
  'TOPOLOGY_INVALID_OPTIONS',
  'TOPOLOGY_INVALID_STEP_NAME',
  'TOPOLOGY_DUPLICATE_STEP_NAME',
  'TOPOLOGY_EMPTY',
] as const;
export type TopologyErrorCode = (typeof topologyErrorCodes)[number];

export class TopologyError extends PipelineError<TopologyErrorCode> {
  constructor(code: TopologyErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
