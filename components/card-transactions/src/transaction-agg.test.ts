import { confluentAvroSerde, stringSerde } from '@fp/serdes';
import { assertZodMatchesAvro } from '@fp/serdes/testing';
import { describe, expect, it } from 'vitest';
import { rawAggSerde } from './raw-serdes';
import { sourceTransactionAvroSchema, sourceTransactionSchema, cardTransactionSchema } from './source-transaction';
import { toTransactionAgg, transactionAggAvroSchema, type TransactionAgg } from './transaction-agg';

const row: TransactionAgg = {
  cc_num: 42,
  num_trans_per_10m: 3,
  avg_amt_per_10m: 0.5,
  stdev_amt_per_10m: 0.25,
  window_start: 1_699_999_980_000,
  window_end: 1_700_000_580_000,
};

/** The Hopsworks feature group's own record: the four features, no window bounds. */
const hopsworksAggAvroSchema = {
  type: 'record',
  name: 'TransactionAgg',
  namespace: 'com.hopsworks.tutorials.flink',
  fields: [
    { name: 'cc_num', type: 'long' },
    { name: 'num_trans_per_10m', type: 'long' },
    { name: 'avg_amt_per_10m', type: 'double' },
    { name: 'stdev_amt_per_10m', type: 'double' },
  ],
} as const;

describe('record schemas', () => {
  it('keeps the zod and Avro schemas of SourceTransaction in step', () => {
    expect(() => assertZodMatchesAvro(sourceTransactionSchema, sourceTransactionAvroSchema)).not.toThrow();
  });

  it('is strict about nulls where the features need values (the check can fail)', () => {
    expect(() => assertZodMatchesAvro(cardTransactionSchema, sourceTransactionAvroSchema)).toThrow(/zod rejects/);
  });

  it('declares every SourceTransaction field as a ["null", T] union in com.hopsworks.tutorials.flink', () => {
    expect(sourceTransactionAvroSchema.namespace).toBe('com.hopsworks.tutorials.flink');
    expect(sourceTransactionAvroSchema.fields.map((field) => [field.name, field.type])).toEqual([
      ['tid', ['null', 'string']],
      ['datetime', ['null', 'long']],
      ['cc_num', ['null', 'long']],
      ['amount', ['null', 'double']],
    ]);
  });
});

describe('toTransactionAgg()', () => {
  it('maps a card, its window and its stats to the feature row, field by field', () => {
    expect(
      toTransactionAgg(
        42,
        { startMs: 1_699_999_980_000, endMs: 1_700_000_580_000 },
        { count: 3, mean: 0.5, stddevSample: 0.25 },
      ),
    ).toEqual(row);
  });
});

describe('TransactionAgg encoding', () => {
  it('round-trips through raw Avro, and the key is the card number as decimal text', () => {
    const serde = rawAggSerde();
    expect(serde.deserialize(serde.serialize(row))).toEqual(row);
    expect(stringSerde.serialize(String(row.cc_num))).toEqual(Buffer.from('42'));
  });

  it('round-trips through Confluent-framed Avro and stays readable by the Hopsworks feature group schema', () => {
    const writer = confluentAvroSerde<TransactionAgg>({ readerSchema: transactionAggAvroSchema, schemaId: 7 });
    const bytes = writer.serialize(row);
    expect(bytes[0]).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(7);
    expect(writer.deserialize(bytes)).toEqual(row);

    const hopsworksReader = confluentAvroSerde<unknown>({
      readerSchema: hopsworksAggAvroSchema,
      schemaId: 8,
      resolveWriter: (id) => (id === 7 ? transactionAggAvroSchema : undefined),
    });
    expect(hopsworksReader.deserialize(bytes)).toEqual({
      cc_num: 42,
      num_trans_per_10m: 3,
      avg_amt_per_10m: 0.5,
      stdev_amt_per_10m: 0.25,
    });
  });

  it('reads rows written without window bounds as window_start and window_end null', () => {
    const oldWriter = confluentAvroSerde<unknown>({ readerSchema: hopsworksAggAvroSchema, schemaId: 8 });
    const reader = confluentAvroSerde<TransactionAgg>({
      readerSchema: transactionAggAvroSchema,
      schemaId: 7,
      resolveWriter: (id) => (id === 8 ? hopsworksAggAvroSchema : undefined),
    });
    const features = {
      cc_num: row.cc_num,
      num_trans_per_10m: row.num_trans_per_10m,
      avg_amt_per_10m: row.avg_amt_per_10m,
      stdev_amt_per_10m: row.stdev_amt_per_10m,
    };
    expect(reader.deserialize(oldWriter.serialize(features))).toEqual({
      ...features,
      window_start: null,
      window_end: null,
    });
  });
});
