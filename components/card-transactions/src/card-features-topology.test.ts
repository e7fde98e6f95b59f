import { StreamRuntimeError, runLocal } from '@fp/stream-runtime';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { buildCardFeaturesTopology, type CardFeaturesTopologyOptions } from './card-features-topology';
import { CardTransactionsError } from './errors';
import { rawAggSerde, rawTransactionSerde } from './raw-serdes';
import type { SourceTransaction } from './source-transaction';
import type { TransactionAgg } from './transaction-agg';

const MINUTE_MS = 60_000;
const INPUT = 'credit_card_transactions';
const OUTPUT = 'card_transactions_10m_agg';

function driverFor(options: Partial<CardFeaturesTopologyOptions> = {}, partitions = 1) {
  const topology = buildCardFeaturesTopology({
    transactionSerde: rawTransactionSerde(),
    aggSerde: rawAggSerde(),
    ...options,
  });
  return createTestDriver(topology, { partitions });
}

const tx = (
  ccNum: number | null,
  datetime: number | null,
  amount: number | null,
  tid: string | null = 't',
): SourceTransaction => ({
  tid,
  datetime,
  cc_num: ccNum,
  amount,
});

const rowsOf = (driver: ReturnType<typeof driverFor>) => driver.output<string, TransactionAgg>(OUTPUT);
const byStart = (rows: readonly { value: TransactionAgg }[], ccNum: number, startMs: number) =>
  rows.filter(({ value }) => value.cc_num === ccNum && value.window_start === startMs).map(({ value }) => value);

describe('buildCardFeaturesTopology(): windows', () => {
  it('puts every transaction in 10 windows of 10 minutes, one starting every minute', () => {
    const driver = driverFor();
    // 10:30 into the epoch; window starts are whole minutes, the latest one 10:00 = 600000,
    // the earliest 600000 - 9 x 60000 = 60000: starts 1, 2, ..., 10 minutes.
    driver.pipe(INPUT, null, tx(42, 630_000, 0.75));
    driver.endInput();
    const rows = rowsOf(driver);
    expect(rows.map(({ value }) => value.window_start).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 10 }, (_, n) => (n + 1) * MINUTE_MS),
    );
    for (const { key, value } of rows) {
      expect(key).toBe('42');
      expect(value).toMatchObject({ cc_num: 42, num_trans_per_10m: 1, avg_amt_per_10m: 0.75, stdev_amt_per_10m: 0 });
      expect(Number(value.window_end) - Number(value.window_start)).toBe(10 * MINUTE_MS);
    }
  });

  it('counts a record at startMs and at endMs - 1 in the window, and one at endMs in the next', () => {
    const driver = driverFor();
    // Window W = [600000, 1200000).
    driver.pipe(INPUT, null, tx(42, 600_000, 0.25)); // = W.startMs: in W
    driver.pipe(INPUT, null, tx(42, 1_199_999, 0.75)); // = W.endMs - 1: in W
    driver.pipe(INPUT, null, tx(42, 1_200_000, 0.5)); // = W.endMs: not in W; in [1200000, 1800000)
    driver.endInput();
    const rows = rowsOf(driver);
    // W: n = 2, mean = (0.25 + 0.75) / 2 = 0.5, sample variance = (0.25^2 + 0.25^2) / (2 - 1) = 0.125.
    const [w] = byStart(rows, 42, 600_000);
    expect(w).toMatchObject({ num_trans_per_10m: 2, avg_amt_per_10m: 0.5, window_end: 1_200_000 });
    expect(w?.stdev_amt_per_10m).toBeCloseTo(Math.sqrt(0.125), 15);
    // [1200000, 1800000) holds only the record at 1200000: n = 1, stddev 0.
    expect(byStart(rows, 42, 1_200_000)).toEqual([
      {
        cc_num: 42,
        num_trans_per_10m: 1,
        avg_amt_per_10m: 0.5,
        stdev_amt_per_10m: 0,
        window_start: 1_200_000,
        window_end: 1_800_000,
      },
    ]);
    // [660000, 1260000) holds the last two: n = 2, mean (0.75 + 0.5) / 2 = 0.625.
    expect(byStart(rows, 42, 660_000)[0]).toMatchObject({ num_trans_per_10m: 2, avg_amt_per_10m: 0.625 });
    // 10 windows per record; together they start every minute from 60000 (first record's earliest)
    // to 1200000 (last record's latest): (1200000 - 60000) / 60000 + 1 = 20 distinct windows.
    expect(rows).toHaveLength(20);
  });

  it('fires a window once, when the watermark (max datetime - 60000 - 1) reaches endMs - 1', () => {
    const driver = driverFor();
    driver.pipe(INPUT, null, tx(42, 600_000, 0.5)); // windows up to [600000, 1200000)
    // [60000, 660000) fires when max seen - 60001 >= 659999, i.e. max seen >= 720000.
    driver.pipe(INPUT, null, tx(7, 719_999, 0.5)); // watermark 659998: nothing fires
    expect(rowsOf(driver)).toEqual([]);
    driver.pipe(INPUT, null, tx(7, 720_000, 0.5)); // watermark 659999 = endMs - 1 of [60000, 660000): fires
    expect(rowsOf(driver).map(({ value }) => [value.cc_num, value.window_start])).toEqual([[42, 60_000]]);
    expect(rowsOf(driver)[0]?.timestampMs).toBe(659_999);
    driver.pipe(INPUT, null, tx(7, 720_000, 0.5)); // the same watermark again: no second firing
    expect(rowsOf(driver)).toHaveLength(1);
  });

  it('matches a two-pass mean and sample standard deviation for many transactions of a card', () => {
    const driver = driverFor();
    const amounts = Array.from({ length: 50 }, (_, n) => ((n * 37) % 100) / 100);
    // All inside [600000, 660000): every one of them is in the 10 windows starting 60000..600000.
    amounts.forEach((amount, n) => driver.pipe(INPUT, null, tx(9, 600_000 + n * 1_000, amount)));
    driver.endInput();
    const mean = amounts.reduce((total, x) => total + x, 0) / amounts.length;
    const stdev = Math.sqrt(amounts.reduce((total, x) => total + (x - mean) ** 2, 0) / (amounts.length - 1));
    const rows = rowsOf(driver);
    expect(rows).toHaveLength(10);
    for (const { value } of rows) {
      expect(value.num_trans_per_10m).toBe(50);
      expect(value.avg_amt_per_10m).toBeCloseTo(mean, 12);
      expect(value.stdev_amt_per_10m).toBeCloseTo(stdev, 12);
    }
  });

  it('keeps cards apart, whatever the partition counts', () => {
    const run = (partitions: number) => {
      const driver = driverFor({}, partitions);
      for (let n = 0; n < 30; n++) driver.pipe(INPUT, null, tx(1 + (n % 3), 600_000 + n * 1_000, n / 100));
      driver.endInput();
      return rowsOf(driver)
        .map(({ key, value }) => JSON.stringify([key, value]))
        .sort();
    };
    const one = run(1);
    expect(one).toHaveLength(30); // 3 cards x 10 windows
    expect(run(4)).toEqual(one);
  });
});

describe('buildCardFeaturesTopology(): late transactions', () => {
  it('accepts a transaction 60 s behind the newest in all its 10 windows', () => {
    const driver = driverFor();
    driver.pipe(INPUT, null, tx(1, 1_200_000, 0.5)); // watermark 1200000 - 60000 - 1 = 1139999
    // 1140000 is in [600000, 1200000) .. [1140000, 1740000); the first ends at 1200000, 1199999 > 1139999.
    driver.pipe(INPUT, null, tx(2, 1_140_000, 0.5));
    driver.endInput();
    expect(rowsOf(driver).filter(({ value }) => value.cc_num === 2)).toHaveLength(10);
    expect(driver.counters().lateRecords).toBe(0);
  });

  it('counts a transaction late for all its windows, reports it, and leaves it out of the features', () => {
    const driver = driverFor({ lateTopic: 'late_transactions' });
    driver.pipe(INPUT, null, tx(1, 1_200_000, 0.5)); // watermark 1139999
    // 599999 is in windows ending 600000 .. 1140000; the last one's endMs - 1 = 1139999 <= 1139999: late for all.
    driver.pipe(INPUT, null, tx(7, 599_999, 0.9, 'late-one'));
    driver.endInput();
    expect(driver.counters().lateRecords).toBe(1);
    expect(driver.late('transactions-10m').map(({ key, value }) => [key, value])).toEqual([
      [7, { tid: 'late-one', datetime: 599_999, cc_num: 7, amount: 0.9 }],
    ]);
    expect(driver.output('late_transactions').map(({ key, value }) => [key, value])).toEqual([
      [7, { tid: 'late-one', datetime: 599_999, cc_num: 7, amount: 0.9 }],
    ]);
    expect(rowsOf(driver).filter(({ value }) => value.cc_num === 7)).toEqual([]);
    expect(rowsOf(driver)).toHaveLength(10); // card 1 only
  });

  it('still counts late transactions when no late topic is configured', () => {
    const driver = driverFor();
    driver.pipe(INPUT, null, tx(1, 1_200_000, 0.5));
    driver.pipe(INPUT, null, tx(7, 599_999, 0.9));
    driver.endInput();
    expect(driver.counters().lateRecords).toBe(1);
    expect(driver.late()).toHaveLength(1);
  });
});

describe('buildCardFeaturesTopology(): unusable input', () => {
  it.each([
    ['cc_num', tx(null, 600_000, 0.5), 'check-transaction', 'STREAM_RUNTIME_RECORD_REJECTED'],
    ['datetime', tx(42, null, 0.5), 'read-transactions', 'STREAM_RUNTIME_DESERIALIZATION_FAILED'],
    ['amount', tx(42, 600_000, null), 'check-transaction', 'STREAM_RUNTIME_RECORD_REJECTED'],
  ])('dead-letters a transaction whose %s is null, counts it, and carries on', (_field, bad, stepName, code) => {
    const driver = driverFor({ onDeserializationError: 'dead-letter' });
    driver.pipe(INPUT, null, bad);
    driver.pipe(INPUT, null, tx(42, 600_000, 0.5, null)); // a null tid is fine
    driver.endInput();
    const [deadLetter] = driver.deadLetters();
    expect(driver.deadLetters()).toHaveLength(1);
    expect(deadLetter?.stepName).toBe(stepName);
    expect(deadLetter?.error).toMatchObject({ code, domain: 'data' });
    expect(deadLetter?.error.cause).toBeInstanceOf(CardTransactionsError);
    expect(deadLetter?.record.value).toEqual(rawTransactionSerde().serialize(bad));
    expect(driver.counters()).toMatchObject({ deadLetteredRecords: 1, skippedRecords: 0 });
    expect(rowsOf(driver)).toHaveLength(10);
  });

  it('dead-letters a record without a value (tombstone)', () => {
    const driver = driverFor({ onDeserializationError: 'dead-letter' });
    driver.pipeBytes(INPUT, null, null, 0);
    expect(driver.deadLetters()[0]?.error.cause).toMatchObject({ code: 'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION' });
  });

  it('stops on an unusable transaction under the default policy (fail), naming the record', () => {
    const driver = driverFor();
    expect(() => driver.pipe(INPUT, null, tx(null, 600_000, 0.5))).toThrow(StreamRuntimeError);
    expect(() => driver.pipe(INPUT, null, tx(null, 600_000, 0.5))).toThrow(/cc_num/);
  });

  it('skips and counts unusable transactions under the skip policy', () => {
    const driver = driverFor({ onDeserializationError: 'skip' });
    driver.pipe(INPUT, null, tx(42, null, 0.5));
    expect(driver.counters().skippedRecords).toBe(1);
  });
});

describe('buildCardFeaturesTopology(): options', () => {
  it('reads and writes the topics it is given', () => {
    const driver = driverFor({ topics: { transactions: 'tx-in', features: 'features-out' } });
    driver.pipe('tx-in', null, tx(42, 600_000, 0.5));
    driver.endInput();
    expect(driver.output('features-out')).toHaveLength(10);
  });

  it('rejects a missing serde and an empty topic name with CARD_TRANSACTIONS_INVALID_OPTIONS, listing both', () => {
    const build = () =>
      buildCardFeaturesTopology({
        transactionSerde: rawTransactionSerde(),
        aggSerde: undefined as never,
        topics: { transactions: 'in', features: ' ' },
      });
    expect(build).toThrow(CardTransactionsError);
    expect(build).toThrow(/aggSerde must be a Serde.*topics\.features must be a non-empty topic name/);
  });

  it('names its internal topics after the topology', () => {
    const topology = buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() });
    expect(Object.values(topology.repartitionTopics)).toEqual(['card-transactions-10m-agg-key-by-card-repartition']);
    expect(Object.values(topology.changelogTopics)).toEqual(['card-transactions-10m-agg-transactions-10m-changelog']);
  });
});

describe('buildCardFeaturesTopology(): against a naive reference', () => {
  it('equals, for every card and window, the count, mean and two-pass sample stddev of its transactions', () => {
    // 400 transactions over ~27 minutes, 4 cards, at most 30 s out of order: none is late.
    let seed = 3;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const base = 1_700_000_040_000; // a whole minute
    const input = Array.from({ length: 400 }, (_, n) =>
      tx(1 + Math.floor(random() * 4), base + n * 4_000 - Math.floor(random() * 30_000), random()),
    );
    const driver = driverFor({}, 2);
    for (const value of input) driver.pipe(INPUT, null, value);
    driver.endInput();

    // Reference: every window start k * 60000 whose [start, start + 600000) holds the transaction.
    const amounts = new Map<string, number[]>();
    for (const { cc_num: ccNum, datetime, amount } of input) {
      const latestStart = Number(datetime) - (Number(datetime) % MINUTE_MS);
      for (let start = latestStart - 9 * MINUTE_MS; start <= latestStart; start += MINUTE_MS) {
        const id = `${String(ccNum)}@${start}`;
        amounts.set(id, [...(amounts.get(id) ?? []), Number(amount)]);
      }
    }
    const rows = rowsOf(driver);
    expect(driver.counters().lateRecords).toBe(0);
    expect(rows).toHaveLength(amounts.size);
    for (const { key, value } of rows) {
      const xs = amounts.get(`${value.cc_num}@${String(value.window_start)}`) ?? [];
      const mean = xs.reduce((total, x) => total + x, 0) / xs.length;
      const stdev =
        xs.length < 2 ? 0 : Math.sqrt(xs.reduce((total, x) => total + (x - mean) ** 2, 0) / (xs.length - 1));
      expect(key).toBe(String(value.cc_num));
      expect(value.window_end).toBe(Number(value.window_start) + 10 * MINUTE_MS);
      expect(value.num_trans_per_10m).toBe(xs.length);
      expect(value.avg_amt_per_10m).toBeCloseTo(mean, 12);
      expect(value.stdev_amt_per_10m).toBeCloseTo(stdev, 12);
    }
  });
});

describe('buildCardFeaturesTopology(): runLocal', () => {
  /**
   * Deterministic transactions over about 40 minutes, 5 cards, up to 50 s out of order; every 97th
   * is 15 minutes behind, more than a window plus the out-of-orderness, so late for all its windows.
   */
  function transactions(total: number): SourceTransaction[] {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    return Array.from({ length: total }, (_, n) => {
      const lateness = n % 97 === 0 ? 900_000 : Math.floor(random() * 50_000);
      return tx(1 + Math.floor(random() * 5), 1_700_000_000_000 + n * 2_000 - lateness, random());
    });
  }

  it('gives the same features, late records and counters as the test driver', async () => {
    const input = transactions(1_200);
    const driver = driverFor({}, 3);
    for (const value of input) driver.pipe(INPUT, null, value);
    driver.endInput();

    const local = await runLocal(
      buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
      // Record by record, as the driver moves watermarks: batches would judge fewer records late.
      { inputs: { [INPUT]: { records: input.map((value) => ({ value })) } }, partitions: 3, batchRecords: 1 },
    );

    const sorted = (rows: readonly { key: unknown; value: unknown }[]) =>
      rows.map(({ key, value }) => JSON.stringify([key, value])).sort();
    const fromDriver = sorted(rowsOf(driver));
    expect(fromDriver.length).toBeGreaterThan(200);
    expect(sorted(local.outputs[OUTPUT] ?? [])).toEqual(fromDriver);
    expect(local.counters.lateRecords).toBe(driver.counters().lateRecords);
    expect(local.counters.lateRecords).toBeGreaterThan(0);
    expect(local.late.map(({ value }) => JSON.stringify(value)).sort()).toEqual(
      driver
        .late()
        .map(({ value }) => JSON.stringify(value))
        .sort(),
    );
  });
});
