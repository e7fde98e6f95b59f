import { PipelineError } from '@fp/errors';
import { openLevelStore } from '@fp/keyed-state';
import { avroSerde, jsonSerde, numberSerde, stringSerde } from '@fp/serdes';
import { createTopology } from '@fp/topology';
import { combine, count, hopping, mean } from '@fp/windowing';
import avro from 'avsc';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runLocal, type LocalRunOptions } from './run-local';
import { createTestDriver } from './test-driver';

const transactionSchema = {
  type: 'record',
  name: 'Transaction',
  fields: [
    { name: 'cc_num', type: 'long' },
    { name: 'amount', type: 'double' },
    { name: 'datetime', type: 'long' },
  ],
} as const;
interface Transaction {
  cc_num: number;
  amount: number;
  datetime: number;
}

/** A card-features-like pipeline: re-key, hopping windows, count and mean. */
function buildTopology() {
  const topology = createTopology('local-runner-test');
  topology
    .stream('read-transactions', {
      topic: 'transactions',
      key: stringSerde,
      value: avroSerde<Transaction>(transactionSchema),
      timestamp: (value: Transaction) => value.datetime,
      watermark: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: 60_000 },
    })
    .groupBy('by-card', (_key, value) => value.cc_num, { key: numberSerde })
    .windowedBy(hopping({ sizeMs: 600_000, advanceMs: 60_000, allowedLatenessMs: 0 }))
    .aggregate('agg-10m', combine({ n: count(), avg: mean((value: Transaction) => value.amount) }))
    .toStream()
    .map('to-row', (windowed, result) => ({
      key: String(windowed.key),
      value: {
        cc_num: windowed.key,
        start: windowed.window.startMs,
        n: result.n,
        avg: Math.round(result.avg * 1e9) / 1e9,
      },
    }))
    .to('write', {
      topic: 'features',
      key: stringSerde,
      value: jsonSerde(z.object({ cc_num: z.number(), start: z.number(), n: z.number(), avg: z.number() })),
    });
  return topology;
}

/** Deterministic pseudo-random transactions, mostly in order, some up to 50 s late. */
function transactions(total: number): Transaction[] {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: total }, (_, n) => ({
    cc_num: 1 + Math.floor(random() * 5),
    amount: Math.round(random() * 10_000) / 100,
    datetime: 1_700_000_000_000 + n * 7_000 - Math.floor(random() * 50_000),
  }));
}

/** Runs 250 transactions into `stateDir`, then the input fails: what stays is the last checkpoint. */
async function runUntilInputBreaks(stateDir: string, options: Partial<LocalRunOptions>): Promise<void> {
  const input = transactions(250);
  function* failingAfterAll() {
    for (const value of input) yield { value };
    throw new Error('input broke');
  }
  await expect(
    runLocal(buildTopology(), { ...options, inputs: { transactions: { records: failingAfterAll() } }, stateDir }),
  ).rejects.toThrow('input broke');
}

const sorted = (rows: readonly unknown[]) => rows.map((row) => JSON.stringify(row)).sort();

describe('runLocal()', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'run-local-test-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the same results as the test driver for the same topology and records', async () => {
    const input = transactions(400);
    const driver = createTestDriver(buildTopology(), { partitions: 3 });
    for (const value of input) driver.pipe('transactions', null, value);
    driver.endInput();

    const local = await runLocal(buildTopology(), {
      inputs: { transactions: { records: input.map((value) => ({ value })) } },
      partitions: 3,
    });

    expect(local.recordsRead).toBe(400);
    const fromDriver = driver.output('write').map(({ value }) => value);
    // About 47 minutes of data, 5 cards, a window every minute: roughly 5 x 56 results.
    expect(fromDriver.length).toBeGreaterThan(200);
    expect(sorted(local.outputs['features']?.map(({ value }) => value) ?? [])).toEqual(sorted(fromDriver));
  });

  it('gives the same results while checkpoints are written during the next batches, and ends with all of them written', async () => {
    const input = transactions(400);
    const driver = createTestDriver(buildTopology(), { partitions: 3 });
    for (const value of input) driver.pipe('transactions', null, value);
    driver.endInput();
    const stateDir = join(dir, 'state-overlap');

    // A checkpoint after every other batch of 5: each is still being written while the next runs.
    const local = await runLocal(buildTopology(), {
      inputs: { transactions: { records: input.map((value) => ({ value })) } },
      partitions: 3,
      stateDir,
      batchRecords: 5,
      checkpointEveryRecords: 10,
    });

    const fromDriver = driver.output('write').map(({ value }) => value);
    expect(sorted(local.outputs['features']?.map(({ value }) => value) ?? [])).toEqual(sorted(fromDriver));
    for (const partition of [0, 1, 2]) {
      const store = await openLevelStore<unknown>({ path: join(stateDir, `1_${partition}`, 'agg-10m') });
      try {
        expect(store.committedMetadata()).toMatchObject({ checkpoint: 'end-of-input', recordsRead: '400' });
        expect(store.dirtyCount).toBe(0);
      } finally {
        await store.close();
      }
    }
  });

  it('reads JSON-lines and Avro container files, and keeps its state in the given LevelDB directory', async () => {
    const input = transactions(50);
    const jsonLines = join(dir, 'transactions.jsonl');
    await writeFile(jsonLines, input.map((value) => JSON.stringify({ value, timestampMs: value.datetime })).join('\n'));
    const avroFile = join(dir, 'transactions.avro');
    await new Promise<void>((resolve, reject) => {
      const encoder = avro.createFileEncoder(
        avroFile,
        avro.Type.forSchema(transactionSchema as unknown as avro.Schema),
      );
      encoder.on('finish', resolve).on('error', reject);
      for (const value of input) encoder.write(value);
      encoder.end();
    });

    const fromJson = await runLocal(buildTopology(), {
      inputs: { 'read-transactions': { file: jsonLines, format: 'json-lines' } },
      stateDir: join(dir, 'state-json'),
    });
    const fromAvro = await runLocal(buildTopology(), { inputs: { transactions: { file: avroFile, format: 'avro' } } });

    expect(fromJson.recordsRead).toBe(50);
    expect(sorted(fromJson.outputs['features'] ?? [])).toEqual(sorted(fromAvro.outputs['features'] ?? []));
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(dir, 'state-json'))).toEqual(['1_0']);
  });

  it('checkpoints every checkpointEveryRecords input records, so a run that dies keeps its last checkpoint', async () => {
    const stateDir = join(dir, 'state');
    await runUntilInputBreaks(stateDir, { checkpointEveryRecords: 100 });

    const store = await openLevelStore<unknown>({ path: join(stateDir, '1_0', 'agg-10m') });
    try {
      expect(store.committedMetadata()).toMatchObject({ checkpoint: 'periodic', recordsRead: '200' });
      const committed: unknown[] = [];
      for await (const entry of store.scan()) committed.push(entry);
      expect(committed.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('also checkpoints once more than maxDirtyEntries are uncommitted, whatever the record interval', async () => {
    const stateDir = join(dir, 'state-dirty');
    await runUntilInputBreaks(stateDir, { checkpointEveryRecords: 1_000_000, maxDirtyEntries: 1, batchRecords: 100 });

    const store = await openLevelStore<unknown>({ path: join(stateDir, '1_0', 'agg-10m') });
    try {
      // The dirty entries are counted after every batch (100 records here).
      expect(store.committedMetadata()).toMatchObject({ checkpoint: 'periodic', recordsRead: '200' });
    } finally {
      await store.close();
    }
  });

  it('rejects a checkpoint interval that is not a positive integer', async () => {
    await expect(
      runLocal(buildTopology(), { inputs: { transactions: { records: [] } }, checkpointEveryRecords: 0 }),
    ).rejects.toThrow(/checkpointEveryRecords must be a positive integer/);
    await expect(
      runLocal(buildTopology(), { inputs: { transactions: { records: [] } }, maxDirtyEntries: -5 }),
    ).rejects.toThrow(/maxDirtyEntries must be a positive integer/);
    await expect(
      runLocal(buildTopology(), { inputs: { transactions: { records: [] } }, batchRecords: 2.5 }),
    ).rejects.toThrow(/batchRecords must be a positive integer/);
  });

  it('streams decoded outputs to onOutput instead of collecting them', async () => {
    const input = transactions(100);
    const collected = await runLocal(buildTopology(), {
      inputs: { transactions: { records: input.map((value) => ({ value })) } },
    });
    const streamed: { topic: string; value: unknown }[] = [];
    const run = await runLocal(buildTopology(), {
      inputs: { transactions: { records: input.map((value) => ({ value })) } },
      onOutput: (topic, record) => streamed.push({ topic, value: record.value }),
    });

    expect(run.outputs).toEqual({});
    expect(streamed.every(({ topic }) => topic === 'features')).toBe(true);
    expect(sorted(streamed.map(({ value }) => value))).toEqual(
      sorted(collected.outputs['features']?.map(({ value }) => value) ?? []),
    );
  });

  it('skips the repartition serdes by default, and runs them with serializeRepartitions', async () => {
    // A value V8 cannot serialize: only the serde round trip notices it.
    const topology = createTopology('unserializable-repartition');
    topology
      .stream('read', { topic: 'in', key: stringSerde, value: stringSerde })
      .map('with-function', (_key, value) => ({ key: value, value: { text: value, format: () => value } }))
      .groupByKey({ key: stringSerde })
      .count('count-per-text')
      .toStream()
      .to('write', { topic: 'out', key: stringSerde, value: numberSerde });
    const inputs = { in: { records: [{ value: 'a' }, { value: 'b' }, { value: 'a' }] } };

    const decoded = await runLocal(topology, { inputs });
    await expect(runLocal(topology, { inputs, serializeRepartitions: true })).rejects.toThrow(
      /step "with-function-repartition" failed/,
    );

    expect(decoded.outputs['out']?.map(({ key, value }) => [key, value])).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
    ]);
  });

  it('dead-letters the records a step rejects, before and after a repartition, with their bytes and the step', async () => {
    class AmountError extends PipelineError<'AMOUNT_NEGATIVE'> {}
    const requireAmount = (value: Transaction): Transaction => {
      if (value.amount < 0) throw new AmountError('AMOUNT_NEGATIVE', `amount ${value.amount}`, { domain: 'data' });
      return value;
    };
    const transactionSerde = avroSerde<Transaction>(transactionSchema);
    const topology = createTopology('checked-transactions');
    topology
      .stream('read-transactions', {
        topic: 'transactions',
        key: stringSerde,
        value: transactionSerde,
        timestamp: (value: Transaction) => value.datetime,
        onDeserializationError: 'dead-letter',
      })
      .mapValues('require-amount', requireAmount)
      .groupBy('by-card', (_key, value) => value.cc_num, { key: numberSerde, value: transactionSerde })
      .aggregate('total', {
        init: () => 0,
        add: (total: number, value: Transaction) => {
          if (value.cc_num === 13) throw new AmountError('AMOUNT_NEGATIVE', 'unlucky card', { domain: 'data' });
          return total + value.amount;
        },
        merge: (a: number, b: number) => a + b,
        result: (total: number) => total,
      })
      .toStream()
      .to('write', { topic: 'totals', key: numberSerde, value: numberSerde });
    const records = [
      { cc_num: 1, amount: 5, datetime: 1 },
      { cc_num: 1, amount: -5, datetime: 2 },
      { cc_num: 13, amount: 5, datetime: 3 },
      { cc_num: 1, amount: 2, datetime: 4 },
    ].map((value) => ({ key: `t${value.datetime}`, value, timestampMs: value.datetime }));

    const run = await runLocal(topology, { inputs: { transactions: { records } } });

    expect(run.outputs['totals']?.map(({ key, value }) => [key, value])).toEqual([
      [1, 5],
      [1, 7],
    ]);
    expect(run.deadLetters.map(({ stepName, record }) => [stepName, record.topic, record.timestampMs])).toEqual([
      ['require-amount', 'transactions', 2],
      ['total', 'checked-transactions-by-card-repartition', 3],
    ]);
    const [negative, unlucky] = run.deadLetters;
    expect(negative?.record.key?.toString()).toBe('t2');
    expect(transactionSerde.deserialize(negative?.record.value as Buffer)).toEqual({
      cc_num: 1,
      amount: -5,
      datetime: 2,
    });
    // Records between tasks skip their serdes in runLocal; a dead letter still gets the bytes Kafka would carry.
    expect(numberSerde.deserialize(unlucky?.record.key as Buffer)).toBe(13);
    expect(transactionSerde.deserialize(unlucky?.record.value as Buffer)).toEqual({
      cc_num: 13,
      amount: 5,
      datetime: 3,
    });
    expect(run.deadLetters.map(({ error }) => error.cause)).toEqual([expect.any(AmountError), expect.any(AmountError)]);
    expect(run.counters).toMatchObject({ deadLetteredRecords: 2, skippedRecords: 0 });
  });

  it('rejects an input line that is not JSON, naming the file and line', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, '{"value":{"cc_num":1,"amount":1,"datetime":1}}\nnot json\n');
    await expect(
      runLocal(buildTopology(), { inputs: { transactions: { file, format: 'json-lines' } } }),
    ).rejects.toThrow(/bad\.jsonl:2 is not a JSON object/);
  });
});
