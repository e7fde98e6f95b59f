import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CardTransactionsError } from './errors';
import { rawTransactionSerde } from './raw-serdes';
import { repartitionTransactionSerde } from './repartition-transaction-serde';
import type { CardTransaction } from './source-transaction';

const serde = repartitionTransactionSerde();
const hexId = createHash('sha256').update('type42').digest('hex');
const transaction: CardTransaction = { tid: hexId, datetime: 1_767_225_600_123, cc_num: 123, amount: 0.125 };

describe('repartitionTransactionSerde()', () => {
  it('round-trips a transaction with a SHA-256 hex id in 58 bytes, where raw Avro takes 86', () => {
    const bytes = serde.serialize(transaction);
    expect(bytes.length).toBe(58);
    expect(rawTransactionSerde().serialize(transaction).length).toBe(86);
    expect(serde.deserialize(bytes)).toEqual(transaction);
  });

  it('round-trips a null tid, any other text and the numbers at their limits', () => {
    const cases: CardTransaction[] = [
      { ...transaction, tid: null },
      { ...transaction, tid: hexId.toUpperCase() }, // hex, but would come back lowercase as bytes
      { ...transaction, tid: `${hexId.slice(0, 63)}g` },
      { ...transaction, tid: 'carte bleue · 7' },
      { ...transaction, tid: '' },
      { tid: 'x', datetime: -1, cc_num: Number.MAX_SAFE_INTEGER, amount: -0 },
      { tid: 'y', datetime: Number.MIN_SAFE_INTEGER, cc_num: 0, amount: 1e308 },
    ];
    for (const value of cases) expect(serde.deserialize(serde.serialize(value))).toStrictEqual(value);
  });

  it('still reads raw Avro, as repartition records were written before', () => {
    const raw = rawTransactionSerde().serialize(transaction);
    expect(serde.deserialize(raw)).toEqual(transaction);
    expect(serde.deserialize(rawTransactionSerde().serialize({ ...transaction, tid: null }))).toEqual({
      ...transaction,
      tid: null,
    });
  });

  it('rejects a truncated or overlong compact record as an unusable transaction', () => {
    const bytes = serde.serialize(transaction);
    const text = serde.serialize({ ...transaction, tid: 'abc' });
    for (const bad of [
      bytes.subarray(0, 20),
      bytes.subarray(0, 57),
      Buffer.concat([bytes, Buffer.from([0])]),
      text.subarray(0, text.length - 1),
    ]) {
      expect(() => serde.deserialize(bad)).toThrow(CardTransactionsError);
      expect(() => serde.deserialize(bad)).toThrow(/truncated or malformed/);
    }
  });
});
