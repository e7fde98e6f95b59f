/**
 * Encode and decode throughput of each value serde on a SourceTransaction-like record.
 * Run: `npx tsx components/serdes/bench/serdes-bench.ts [events]`; prints one JSON line per case.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { avroSerde, confluentAvroSerde, jsonSerde, type Serde } from '../src/index';

const DEFAULT_EVENTS = 300_000;
/** Untimed rounds first, so the JIT has compiled the hot paths before we measure. */
const WARMUP_EVENTS = 20_000;
/** Distinct records cycled through, so the bench does not measure one cached shape. */
const DISTINCT_RECORDS = 1_000;
const MS_PER_SECOND = 1_000;

interface SourceTransaction {
  tid: string | null;
  datetime: number | null;
  cc_num: number | null;
  amount: number | null;
}

const sourceTransactionAvro = {
  type: 'record',
  name: 'SourceTransaction',
  fields: [
    { name: 'tid', type: ['null', 'string'], default: null },
    { name: 'datetime', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
    { name: 'cc_num', type: ['null', 'long'], default: null },
    { name: 'amount', type: ['null', 'double'], default: null },
  ],
} as const;

const sourceTransactionZod = z.object({
  tid: z.string().nullable(),
  datetime: z.number().int().nullable(),
  cc_num: z.number().int().nullable(),
  amount: z.number().nullable(),
});

function records(): SourceTransaction[] {
  return Array.from({ length: DISTINCT_RECORDS }, (_, n) => ({
    tid: n % 50 === 0 ? null : `tx-${n.toString(16).padStart(12, '0')}`,
    datetime: 1_700_000_000_000 + n * 1_000,
    cc_num: 4_000_000_000_000_000 + n * 7,
    amount: n % 97 === 0 ? null : Math.round(n * 13.37) / 100,
  }));
}

function time(events: number, run: (n: number) => void): number {
  for (let n = 0; n < WARMUP_EVENTS; n += 1) run(n);
  const start = performance.now();
  for (let n = 0; n < events; n += 1) run(n);
  return (performance.now() - start) / MS_PER_SECOND;
}

function report(bench: string, events: number, seconds: number): void {
  const line = { bench, events, seconds: Number(seconds.toFixed(3)), eventsPerSec: Math.round(events / seconds) };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function benchSerde(name: string, serde: Serde<SourceTransaction>, events: number): void {
  const values = records();
  const encoded = values.map((value) => serde.serialize(value));
  let sink = 0;
  report(
    `serde-${name}-encode`,
    events,
    time(events, (n) => (sink += serde.serialize(values[n % DISTINCT_RECORDS] as SourceTransaction).length)),
  );
  report(
    `serde-${name}-decode`,
    events,
    time(events, (n) => (sink += serde.deserialize(encoded[n % DISTINCT_RECORDS] as Buffer).amount ?? 0)),
  );
  // Keeps the results observable so the loops cannot be optimised away.
  if (Number.isNaN(sink)) process.stdout.write('\n');
}

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? DEFAULT_EVENTS);
  benchSerde('json-zod', jsonSerde(sourceTransactionZod), events);
  benchSerde('avro-raw', avroSerde<SourceTransaction>(sourceTransactionAvro), events);
  benchSerde(
    'avro-confluent',
    confluentAvroSerde<SourceTransaction>({ readerSchema: sourceTransactionAvro, schemaId: 1 }),
    events,
  );

  // Reader v1 decoding records written by a v2 writer (one more field): the resolver path.
  const writerV2 = {
    ...sourceTransactionAvro,
    fields: [...sourceTransactionAvro.fields, { name: 'currency', type: 'string', default: 'EUR' }],
  };
  const writer = confluentAvroSerde<SourceTransaction & { currency: string }>({ readerSchema: writerV2, schemaId: 2 });
  const reader = confluentAvroSerde<SourceTransaction>({
    readerSchema: sourceTransactionAvro,
    schemaId: 1,
    fetchWriterSchema: async () => writerV2,
  });
  const encoded = records().map((value) => writer.serialize({ ...value, currency: 'USD' }));
  await reader.prepare?.(encoded);
  let sink = 0;
  report(
    'serde-avro-confluent-resolved-decode',
    events,
    time(events, (n) => (sink += reader.deserialize(encoded[n % DISTINCT_RECORDS] as Buffer).amount ?? 0)),
  );
  if (Number.isNaN(sink)) process.stdout.write('\n');
}

await main();
