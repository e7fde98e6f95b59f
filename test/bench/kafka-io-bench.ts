/**
 * Throughput of the Kafka I/O bricks on the local broker: N records produced through the sink to a
 * 6-partition topic, then read back with the bounded source and with a consumer-group source.
 *
 *   eval "$(bash tools/local-services/services.sh env)" && npx tsx test/bench/kafka-io-bench.ts
 *
 * Prints one JSON line per measurement. Figures, not assertions: the machine is shared.
 */
import { createKafkaAdmin } from '@fp/kafka-admin';
import { createKafkaSink, type SinkCompression } from '@fp/kafka-sink';
import { createBoundedKafkaSource, createKafkaSource } from '@fp/kafka-source';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 200_000);
const PARTITIONS = 6;
const COMPRESSION = (process.env['BENCH_COMPRESSION'] ?? 'none') as SinkCompression;

function report(bench: string, events: number, startedAtMs: number, extra: Record<string, unknown> = {}): void {
  const seconds = (performance.now() - startedAtMs) / 1_000;

  console.log(
    JSON.stringify({
      bench,
      events,
      seconds: Number(seconds.toFixed(3)),
      eventsPerSec: Math.round(events / seconds),
      ...extra,
    }),
  );
}

async function main(): Promise<void> {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) {
    throw new Error('KAFKA_BROKERS is not set: eval "$(bash tools/local-services/services.sh env)" first');
  }
  const connection = { brokers, clientId: 'kafka-io-bench' };
  const topic = `bench-kafka-io-${randomUUID().slice(0, 8)}`;
  const admin = createKafkaAdmin({ connection });
  await admin.ensureTopics([{ topic, partitions: PARTITIONS, replicationFactor: 1 }]);
  await admin.close();

  // A card-transaction-sized record: ~120 bytes of JSON, keyed by card number.
  const values = Array.from({ length: 1_000 }, (_, n) =>
    Buffer.from(
      JSON.stringify({
        cc_num: 4_000_000_000_000_000 + n,
        amount: (n % 997) / 7,
        merchant: `merchant-${n % 113}`,
        category: 'grocery_pos',
      }),
    ),
  );

  const sink = createKafkaSink({ connection, compression: COMPRESSION });
  let startedAtMs = performance.now();
  for (let n = 0; n < RECORDS; n++) {
    sink.send({
      topic,
      key: `card-${n % 10_000}`,
      value: values[n % values.length] as Buffer,
      timestampMs: 1_700_000_000_000 + n,
    });
  }
  const queuedSeconds = (performance.now() - startedAtMs) / 1_000;
  await sink.flush();
  report('kafka-produce', RECORDS, startedAtMs, {
    partitions: PARTITIONS,
    compression: COMPRESSION,
    sendLoopSeconds: Number(queuedSeconds.toFixed(3)),
  });
  await sink.close();

  let bytes = 0;
  let records = 0;
  startedAtMs = performance.now();
  const summary = await createBoundedKafkaSource({
    connection,
    topics: [topic],
    handler: async (batch) => {
      records += batch.records.length;
      for (const record of batch.records) bytes += record.value?.length ?? 0;
    },
  }).run();
  report('kafka-consume-bounded', records, startedAtMs, { summaryRecords: summary.records, valueBytes: bytes });

  let groupRecords = 0;
  let allRead!: () => void;
  const done = new Promise<void>((resolve) => {
    allRead = resolve;
  });
  startedAtMs = performance.now();
  const source = createKafkaSource({
    connection,
    groupId: `${topic}-group`,
    topics: [topic],
    handler: async (batch) => {
      groupRecords += batch.records.length;
      if (groupRecords >= RECORDS) allRead();
    },
  });
  await source.start();
  await done;
  report('kafka-consume-group', groupRecords, startedAtMs, { note: 'includes group join' });
  await source.stop();
}

main().catch((error: unknown) => {
  console.error('kafka-io-bench failed', error);
  process.exitCode = 1;
});
