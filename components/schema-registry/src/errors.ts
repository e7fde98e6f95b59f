import { PipelineError, type ErrorDomain, type RetryHint } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const schemaRegistryErrorCodes = [
  'SCHEMA_REGISTRY_COMPATIBILITY_MISMATCH',
  'SCHEMA_REGISTRY_INCOMPATIBLE',
  'SCHEMA_REGISTRY_INVALID_OPTIONS',
  'SCHEMA_REGISTRY_INVALID_SCHEMA',
  'SCHEMA_REGISTRY_NOT_FOUND',
  'SCHEMA_REGISTRY_UNAUTHORIZED',
  'SCHEMA_REGISTRY_UNEXPECTED_RESPONSE',
  'SCHEMA_REGISTRY_UNREACHABLE',
] as const;
export type SchemaRegistryErrorCode = (typeof schemaRegistryErrorCodes)[number];

/**
 * Only an unreachable registry is worth retrying (`external`, `backoff`). Everything else is a
 * deployment problem (wrong credentials, a schema the registry rejects, a subject that does not
 * exist) that a restart will not fix: `internal`. A writer id the registry does not know is
 * turned into a per-record `SERDES_UNKNOWN_SCHEMA_ID` by `registryAvroSerde`.
 */
const CLASSIFICATION: Record<SchemaRegistryErrorCode, { domain: ErrorDomain; retry: RetryHint }> = {
  SCHEMA_REGISTRY_COMPATIBILITY_MISMATCH: { domain: 'internal', retry: 'none' },
  SCHEMA_REGISTRY_INCOMPATIBLE: { domain: 'internal', retry: 'none' },
  SCHEMA_REGISTRY_INVALID_OPTIONS: { domain: 'internal', retry: 'none' },
  SCHEMA_REGISTRY_INVALID_SCHEMA: { domain: 'internal', retry: 'none' },
  SCHEMA_REGISTRY_NOT_FOUND: { domain: 'internal', retry: 'none' },
  SCHEMA_REGISTRY_UNAUTHORIZED: { domain: 'internal', retry: 'none' },
  SCHEMA_REGISTRY_UNEXPECTED_RESPONSE: { domain: 'internal', retry: 'none' },
  SCHEMA_REGISTRY_UNREACHABLE: { domain: 'external', retry: 'backoff' },
};

export class SchemaRegistryError extends PipelineError<SchemaRegistryErrorCode> {
  constructor(code: SchemaRegistryErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { ...CLASSIFICATION[code], ...options });
  }
}
