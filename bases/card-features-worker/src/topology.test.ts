import { rawTransactionSerde, type SourceTransaction, type TransactionAgg } from '@fp/card-transactions';
import { createMemorySchemaRegistry } from '@fp/schema-registry/testing';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { createCardSerdes } from './card-serdes';
import { loadConfig } from './config';
import { buildTopology } from './topology';

const MINUTE_MS = 60_000;
const tx = (ccNum: number, datetime: number, amount: number): SourceTransaction => ({
  tid: 't',
  datetime,
  cc_num: ccNum,
  amount,
});

describe('buildTopology() with createCardSerdes()', () => {
  it('reads Confluent-framed transactions and writes Confluent-framed features under the registered subjects', async () => {
    const registry = createMemorySchemaRegistry();
    const config = loadConfig({});
    const serdes = await createCardSerdes(config, () => registry);
    const driver = createTestDriver(buildTopology(config, serdes), { partitions: 2 });
    // Two transactions of card 42 at minute 10 and 11: the window [600000, 1200000) sees both.
    const encode = (value: SourceTransaction) => serdes.transactionSerde.serialize(value);
    driver.pipeBytes('credit_card_transactions', null, encode(tx(42, 10 * MINUTE_MS, 0.25)), 10 * MINUTE_MS);
    driver.pipeBytes('credit_card_transactions', null, encode(tx(42, 11 * MINUTE_MS, 0.75)), 11 * MINUTE_MS);
    driver.endInput();

    const rows = driver.output<string, TransactionAgg>('card_transactions_10m_agg');
    const both = rows.find(({ value }) => value.window_start === 10 * MINUTE_MS);
    expect(both?.key).toBe('42');
    expect(both?.value).toMatchObject({ cc_num: 42, num_trans_per_10m: 2, avg_amt_per_10m: 0.5 });
    expect(both?.value.stdev_amt_per_10m).toBeCloseTo(Math.SQRT1_2 / 2, 12); // sample stdev of {0.25, 0.75}
    // 10 windows contain the first transaction, 10 the second; 9 contain both: 11 non-empty windows.
    expect(rows).toHaveLength(11);
    expect([...new Set(rows.map(({ value }) => value.cc_num))]).toEqual([42]);
    expect(registry.calls.register).toBe(2); // both subjects, once each, at start
  });

  it('uses raw Avro with CARD_TRANSACTIONS_FORMAT=raw and never asks the registry', async () => {
    const config = loadConfig({ CARD_TRANSACTIONS_FORMAT: 'raw' });
    const serdes = await createCardSerdes(config, () => {
      throw new Error('the registry must not be used for raw Avro');
    });
    const driver = createTestDriver(buildTopology(config, serdes), { partitions: 1 });
    driver.pipeBytes('credit_card_transactions', null, rawTransactionSerde().serialize(tx(7, 0, 0.5)), 0);
    driver.endInput();
    expect(driver.output<string, TransactionAgg>('card_transactions_10m_agg').map(({ key }) => key)).toContain('7');
  });

  it('writes late transactions to LATE_TOPIC', async () => {
    const config = loadConfig({ CARD_TRANSACTIONS_FORMAT: 'raw', LATE_TOPIC: 'late' });
    const serdes = await createCardSerdes(config, () => createMemorySchemaRegistry());
    const driver = createTestDriver(buildTopology(config, serdes), { partitions: 1 });
    const pipe = (value: SourceTransaction) =>
      driver.pipeBytes('credit_card_transactions', null, rawTransactionSerde().serialize(value), value.datetime ?? 0);
    pipe(tx(1, 30 * MINUTE_MS, 0.5)); // watermark 30 min - 60001 ms
    pipe(tx(1, 5 * MINUTE_MS, 0.5)); // its last window [5 min, 15 min) ended long before: late
    expect(driver.output('late')).toHaveLength(1);
  });
});
