/**
 * Prints a topic's records decoded: key, value, partition, offset and timestamp, one JSON line each.
 *
 *   eval "$(bash tools/local-services/services.sh env)"
 *   npx tsx development/tail-topic.ts <topic> [--from beginning|end] [--format json|avro|confluent]
 *                                     [--schema NAME] [--max N] [--until-end]
 *
 * --from        beginning (default) or end (only records written from now on)
 * --format      json (default; the flight topics), avro (raw Avro binary with --schema) or
 *               confluent (Confluent-framed Avro; the writer schema comes from SCHEMA_REGISTRY_URL)
 * --schema      for --format avro: one of transaction, transaction-agg, skyone, sunset, flight-data, user-statistics
 * --max N       stop after N records
 * --until-end   stop once the records present at start are printed (with --from beginning)
 * Otherwise it follows the topic until Ctrl-C.
 */
import { sourceTransactionAvroSchema, transactionAggAvroSchema } from '@fp/card-transactions';
import { flightDataAvro, skyOneAirlinesFlightDataAvro, sunsetAirFlightDataAvro } from '@fp/flights';
import { createBoundedKafkaSource, createKafkaSource, type RawRecord } from '@fp/kafka-source';
import { createSchemaRegistry } from '@fp/schema-registry';
import { avroSerde, type AvroSchema, type Serde } from '@fp/serdes';
import { userStatisticsAvro } from '@fp/usage-statistics';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { connectionFromEnv } from './lib/kafka-env';

const SCHEMAS: Readonly<Record<string, AvroSchema>> = {
  transaction: sourceTransactionAvroSchema,
  'transaction-agg': transactionAggAvroSchema,
  skyone: skyOneAirlinesFlightDataAvro,
  sunset: sunsetAirFlightDataAvro,
  'flight-data': flightDataAvro,
  'user-statistics': userStatisticsAvro,
};
/** Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary. */
const CONFLUENT_HEADER_BYTES = 5;

type Decode = (bytes: Buffer) => Promise<unknown>;

function jsonOrText(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function valueDecoder(format: string, schemaName: string | undefined): Decode {
  if (format === 'json') return async (bytes) => jsonOrText(bytes);
  if (format === 'avro') {
    const schema = schemaName === undefined ? undefined : SCHEMAS[schemaName];
    if (schema === undefined) {
      throw new Error(`--format avro needs --schema, one of ${Object.keys(SCHEMAS).join(', ')}`);
    }
    const serde = avroSerde<unknown>(schema);
    return async (bytes) => serde.deserialize(bytes);
  }
  if (format === 'confluent') {
    const url = process.env['SCHEMA_REGISTRY_URL'];
    if (url === undefined) throw new Error('--format confluent needs SCHEMA_REGISTRY_URL');
    const registry = createSchemaRegistry({ url });
    const byId = new Map<number, Promise<Serde<unknown>>>();
    return async (bytes) => {
      if (bytes.length < CONFLUENT_HEADER_BYTES || bytes[0] !== 0) return { notConfluentFramed: bytes.toString('hex') };
      const id = bytes.readInt32BE(1);
      let serde = byId.get(id);
      if (serde === undefined) {
        serde = registry.fetchWriterSchema(id).then((schema) => avroSerde<unknown>(schema));
        byId.set(id, serde);
      }
      return { schemaId: id, ...((await serde).deserialize(bytes.subarray(CONFLUENT_HEADER_BYTES)) as object) };
    };
  }
  throw new Error(`--format must be json, avro or confluent, got ${format}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: 'string', default: 'beginning' },
      format: { type: 'string', default: 'json' },
      schema: { type: 'string' },
      max: { type: 'string' },
      'until-end': { type: 'boolean', default: false },
    },
  });
  const topic = positionals[0];
  if (topic === undefined || !['beginning', 'end'].includes(values.from)) {
    throw new Error(
      'usage: tail-topic.ts <topic> [--from beginning|end] [--format json|avro|confluent] [--schema NAME] [--max N] [--until-end]',
    );
  }
  const decode = valueDecoder(values.format, values.schema);
  const max = values.max === undefined ? Number.POSITIVE_INFINITY : Number(values.max);
  const connection = connectionFromEnv('fp-tail-topic');

  let printed = 0;
  let stop: () => Promise<void> = () => Promise.resolve();
  const print = async (record: RawRecord) => {
    if (printed >= max) return;
    printed++;
    console.log(
      JSON.stringify({
        partition: record.partition,
        offset: record.offset,
        timestamp: new Date(record.timestampMs).toISOString(),
        key: record.key === null ? null : jsonOrText(record.key),
        value:
          record.value === null
            ? null
            : await decode(record.value).catch((error: Error) => ({ undecodable: error.message })),
      }),
    );
    if (printed >= max) void stop();
  };
  const handler = async (batch: { records: readonly RawRecord[] }) => {
    for (const record of batch.records) await print(record);
  };

  if (values['until-end'] && values.from === 'beginning') {
    const source = createBoundedKafkaSource({ connection, topics: [topic], handler });
    stop = () => source.stop();
    await source.run();
    return;
  }
  const source = createKafkaSource({
    connection,
    // Alone in a fresh group, committing nothing: every partition, from where it was asked.
    groupId: `fp-tail-topic-${randomUUID()}`,
    topics: [topic],
    startFrom: values.from === 'end' ? 'latest' : 'earliest',
    handler,
  });
  stop = () => source.stop();
  process.once('SIGINT', () => void source.stop());
  await source.start();
  console.error(`following ${topic} from the ${values.from} (Ctrl-C to stop)`);
  await source.stopped;
}

main().catch((error: unknown) => {
  console.error('tail-topic failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
