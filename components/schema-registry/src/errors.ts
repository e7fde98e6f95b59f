import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const schemaRegistryErrorCodes = ['SCHEMA_REGISTRY_INVALID_OPTIONS'] as const;
export type SchemaRegistryErrorCode = (typeof schemaRegistryErrorCodes)[number];

export class SchemaRegistryError extends PipelineError<SchemaRegistryErrorCode> {
  constructor(code: SchemaRegistryErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
