import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as serdes from './index';

describe('@fp/serdes interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(serdes).sort()).toEqual([
      'SerdesError',
      'avroSerde',
      'bigintSerde',
      'bytesSerde',
      'confluentAvroSerde',
      'jsonKeySerde',
      'jsonSerde',
      'numberSerde',
      'serdesErrorCodes',
      'stringSerde',
      'withRecordContext',
      'zodFromAvro',
    ]);
  });

  it('decodes a Confluent Avro record into the type zodFromAvro derives, and JSON with it', async () => {
    const avro = {
      type: 'record',
      name: 'Card',
      fields: [
        { name: 'cc_num', type: 'long' },
        { name: 'limit', type: ['null', 'double'], default: null },
      ],
    } as const;
    const card = zodFromAvroTyped(avro);
    const value = { cc_num: 4_444_333_322_221_111, limit: null };
    const confluent = serdes.confluentAvroSerde<z.infer<typeof card>>({
      readerSchema: avro,
      schemaId: 3,
      fetchWriterSchema: async () => avro,
    });
    await confluent.prepare?.([]);
    expect(card.parse(confluent.deserialize(confluent.serialize(value)))).toEqual(value);
    const json = serdes.jsonSerde(card);
    expect(json.deserialize(json.serialize(value))).toEqual(value);
  });

  it('raises data errors that the caller can enrich with where the record came from', () => {
    const serde = serdes.jsonSerde(z.object({ a: z.number() }));
    let caught: unknown;
    try {
      serde.deserialize(Buffer.from('{"a":"x"}'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(serdes.SerdesError);
    expect(caught).toBeInstanceOf(PipelineError);
    const enriched = serdes.withRecordContext(caught as serdes.SerdesError, {
      topic: 't',
      partition: 0,
      offset: '5',
      stepName: 'read',
    });
    expect(enriched).toMatchObject({ code: 'SERDES_VALIDATION', domain: 'data', context: { topic: 't', offset: '5' } });
  });
});

function zodFromAvroTyped(schema: serdes.AvroSchema): z.ZodType<{ cc_num: number; limit: number | null }> {
  return serdes.zodFromAvro(schema) as z.ZodType<{ cc_num: number; limit: number | null }>;
}
