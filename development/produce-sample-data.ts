/**
 * Writes N seeded sample records to a broker: flight bookings (`skyone` and `sunset`, JSON,
 * alternating) or card transactions (`credit_card_transactions`, Confluent-framed Avro through
 * SCHEMA_REGISTRY_URL, or raw Avro with --format raw), stamped over the hour before now. Missing
 * topics are created (5 partitions for flights, 6 for transactions); existing ones are left alone.
 *
 *   eval "$(bash tools/local-services/services.sh env)"
 *   npx tsx development/produce-sample-data.ts flights [--count 1000] [--seed 42]
 *   npx tsx development/produce-sample-data.ts transactions [--count 10000] [--seed 42] [--format confluent|raw]
 *
 * Topic names come from the datagen variables (SKYONE_TOPIC, SUNSET_TOPIC, TRANSACTIONS_TOPIC).
 */
import { loadConfig, runDatagen } from '@fp/datagen-cli';
import { FLIGHT_TOPIC_PARTITIONS } from '@fp/flight-datagen';
import { createKafkaAdmin } from '@fp/kafka-admin';
import { createLogger } from '@fp/log';

const DEFAULT_COUNT = { flights: 1_000, transactions: 10_000 } as const;
const TRANSACTION_PARTITIONS = 6;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const generator = args[0] === 'transactions' ? 'transactions' : 'flights';
  const withCount = args.includes('--count') ? args : [...args, '--count', String(DEFAULT_COUNT[generator])];
  const config = loadConfig(process.env, [...withCount, '--backfill'], Date.now());
  const log = createLogger({ name: 'produce-sample-data', level: config.logLevel });

  const admin = createKafkaAdmin({ connection: config.connection, log });
  try {
    const [topics, partitions] =
      config.generator === 'flights'
        ? [[config.topics.skyone, config.topics.sunset], FLIGHT_TOPIC_PARTITIONS]
        : [[config.topics.transactions], TRANSACTION_PARTITIONS];
    await admin.ensureTopics(
      topics.map((topic) => ({ topic, partitions, replicationFactor: config.topicReplicationFactor })),
    );
  } finally {
    await admin.close();
  }
  const summary = await runDatagen(config, { log });
  console.log(`produced ${summary.records.toLocaleString('en')} ${config.generator} records`);
}

main().catch((error: unknown) => {
  console.error('produce-sample-data failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
