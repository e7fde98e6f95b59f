import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as schemaRegistry from './index';
import { createMemorySchemaRegistry } from './testing';

describe('@fp/schema-registry interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(schemaRegistry).sort()).toEqual([
      'SchemaRegistryError',
      'createSchemaRegistry',
      'registryAvroSerde',
      'schemaRegistryErrorCodes',
      'subjectName',
    ]);
  });

  it('round-trips a value through a serde registered under the topic-name subject', async () => {
    const registry = createMemorySchemaRegistry();
    const readerSchema = { type: 'record', name: 'Ping', fields: [{ name: 'n', type: 'int' }] } as const;
    const serde = await schemaRegistry.registryAvroSerde<{ n: number }>({ registry, topic: 'pings', readerSchema });
    expect(serde.subject).toBe('pings-value');
    expect(serde.deserialize(serde.serialize({ n: 3 }))).toEqual({ n: 3 });
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new schemaRegistry.SchemaRegistryError('SCHEMA_REGISTRY_UNREACHABLE', 'down', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'SchemaRegistryError',
      code: 'SCHEMA_REGISTRY_UNREACHABLE',
      domain: 'external',
      retry: 'backoff',
      cause,
    });
  });
});
