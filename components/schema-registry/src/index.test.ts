import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as schemaRegistry from './index';

describe('@fp/schema-registry interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(schemaRegistry).sort()).toEqual(['SchemaRegistryError', 'schemaRegistryErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new schemaRegistry.SchemaRegistryError('SCHEMA_REGISTRY_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'SchemaRegistryError',
      code: 'SCHEMA_REGISTRY_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
