/**
 * Produces the records of a JSON-lines file into any topic: one JSON object per line, written as
 * JSON, raw Avro or Confluent-framed Avro, through the idempotent, batched sink the pipelines use.
 * A missing topic is created (and its leaders awaited) with --partitions partitions; an existing one
 * is used as it is.
 *
 *   eval "$(bash tools/local-services/services.sh env)"
 *   npx tsx development/produce-records.ts --topic <topic> --file <records.jsonl>
 *        [--format json|avro|confluent] [--schema <schema.avsc>] [--key-field <field>]
 *        [--timestamp-field <field>] [--partitions N]
 *
 * --format           json (default): each line as it is; avro: raw Avro binary of --schema;
 *                    confluent: Avro framed with the id of --schema, registered under <topic>-value
 *                    at SCHEMA_REGISTRY_URL
 * --key-field        the record key is this field, as text (default: no key, spread by the producer)
 * --timestamp-field  the record timestamp is this field, epoch ms (default: the broker's time)
 * --partitions       for a topic that does not exist yet (default 1)
 */
import { createKafkaAdmin } from '@fp/kafka-admin';
import { createKafkaSink, type SinkRecord } from '@fp/kafka-sink';
import { createSilentLogger } from '@fp/log';
import { createSchemaRegistry, registryAvroSerde } from '@fp/schema-registry';
import { avroSerde, type AvroSchema } from '@fp/serdes';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { connectionFromEnv } from './lib/kafka-env';

const USAGE =
  'usage: produce-records.ts --topic <topic> --file <records.jsonl> [--format json|avro|confluent] ' +
  '[--schema <schema.avsc>] [--key-field <field>] [--timestamp-field <field>] [--partitions N]';
/** Partitions of a topic this script creates: one keeps the records in file order for every reader. */
const DEFAULT_PARTITIONS = 1;

type Encode = (record: Record<string, unknown>) => Buffer | string;

async function valueEncoder(format: string, topic: string, schemaFile: string | undefined): Promise<Encode> {
  if (format === 'json') return (record) => JSON.stringify(record);
  if (format !== 'avro' && format !== 'confluent') throw new Error(`--format must be json, avro or confluent\n${USAGE}`);
  if (schemaFile === undefined) throw new Error(`--format ${format} needs --schema <schema.avsc>\n${USAGE}`);
  const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as AvroSchema;
  if (format === 'avro') {
    const serde = avroSerde<Record<string, unknown>>(schema);
    return (record) => serde.serialize(record);
  }
  const url = process.env['SCHEMA_REGISTRY_URL'];
  if (url === undefined) throw new Error('--format confluent needs SCHEMA_REGISTRY_URL');
  const serde = await registryAvroSerde<Record<string, unknown>>({
    registry: createSchemaRegistry({ url }),
    topic,
    readerSchema: schema,
  });
  return (record) => serde.serialize(record);
}

/** The records of a JSON-lines file, blank lines skipped; a line that is not a JSON object fails naming it. */
function parseLines(text: string, file: string): Record<string, unknown>[] {
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`, { cause: error });
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new Error(`${file}:${index + 1}: not a JSON object`);
    }
    return [record as Record<string, unknown>];
  });
}

function fieldOf(record: Record<string, unknown>, field: string, line: number): unknown {
  if (!(field in record)) throw new Error(`record ${line} has no field "${field}"`);
  return record[field];
}

function toSinkRecord(
  topic: string,
  record: Record<string, unknown>,
  line: number,
  encode: Encode,
  fields: { readonly key?: string | undefined; readonly timestamp?: string | undefined },
): SinkRecord {
  const timestampMs = fields.timestamp === undefined ? undefined : Number(fieldOf(record, fields.timestamp, line));
  if (timestampMs !== undefined && !Number.isSafeInteger(timestampMs)) {
    throw new Error(`record ${line}: "${fields.timestamp}" is not epoch milliseconds`);
  }
  return {
    topic,
    key: fields.key === undefined ? null : String(fieldOf(record, fields.key, line)),
    value: encode(record),
    ...(timestampMs === undefined ? {} : { timestampMs }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      topic: { type: 'string' },
      file: { type: 'string' },
      format: { type: 'string', default: 'json' },
      schema: { type: 'string' },
      'key-field': { type: 'string' },
      'timestamp-field': { type: 'string' },
      partitions: { type: 'string', default: String(DEFAULT_PARTITIONS) },
    },
  });
  const { topic, file } = values;
  const partitions = Number(values.partitions);
  if (topic === undefined || file === undefined || !(Number.isInteger(partitions) && partitions > 0)) {
    throw new Error(USAGE);
  }
  // Every record is encoded before anything is sent: a bad line sends nothing.
  const encode = await valueEncoder(values.format, topic, values.schema);
  const fields = { key: values['key-field'], timestamp: values['timestamp-field'] };
  const records = parseLines(await readFile(file, 'utf8'), file).map((record, index) =>
    toSinkRecord(topic, record, index + 1, encode, fields),
  );

  const connection = connectionFromEnv('fp-produce-records');
  const log = createSilentLogger();
  const admin = createKafkaAdmin({ connection, log });
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      // Creates the topic and waits until every partition has a leader.
      await admin.ensureTopics([{ topic, partitions, replicationFactor: 1 }]);
      console.error(`created ${topic} with ${partitions} partition(s)`);
    }
  } finally {
    await admin.close();
  }
  // Idempotent, acks from all in-sync replicas: a retried request is never written twice.
  const sink = createKafkaSink({ connection, log });
  try {
    for (const record of records) sink.send(record);
    await sink.flush();
  } finally {
    await sink.close();
  }
  console.log(`produced ${records.length.toLocaleString('en')} records to ${topic} (${values.format})`);
}

main().catch((error: unknown) => {
  console.error('produce-records failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
