import { execFileSync } from 'node:child_process';

/** Where the tests find Kafka and the Schema Registry. */
export interface TestServices {
  /** `host:port` list for kafkajs `brokers`. */
  readonly kafkaBrokers: string[];
  /** Base URL of the Confluent-compatible API (`.../apis/ccompat/v7` on Apicurio). */
  readonly schemaRegistryUrl: string;
  /** Stops what this process started; a no-op for services given by environment. */
  readonly stop: () => Promise<void>;
}

const HOW_TO_GET_SERVICES = `No Kafka broker and Schema Registry for the integration tests.
Give the tests one of:
  1. running services: export KAFKA_BROKERS=host:port and SCHEMA_REGISTRY_URL=http://host:port/apis/ccompat/v7
     - natively (Java 17 + Maven, no Docker):  bash tools/local-services/services.sh start
                                                eval "$(bash tools/local-services/services.sh env)"
     - with Docker Compose:                     docker compose up -d kafka schema-registry
                                                export KAFKA_BROKERS=localhost:9092 SCHEMA_REGISTRY_URL=http://localhost:8081/apis/ccompat/v7
  2. a reachable Docker engine: the tests then start Kafka and Apicurio Registry with Testcontainers.
Or run everything at once with \`npm test\`, which starts native services when none are configured.`;

/** Kafka and registry images used when the tests start their own containers. */
const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';
const REGISTRY_IMAGE = 'apicurio/apicurio-registry:3.0.9';
const REGISTRY_PORT = 8080;

/**
 * Resolves the services once per test run: `KAFKA_BROKERS` / `SCHEMA_REGISTRY_URL` when set,
 * else Testcontainers when a Docker engine answers, else an error saying how to get them.
 */
export async function resolveTestServices(env: NodeJS.ProcessEnv = process.env): Promise<TestServices> {
  const brokers = env['KAFKA_BROKERS'];
  const registryUrl = env['SCHEMA_REGISTRY_URL'];
  if (brokers && registryUrl) {
    // Services given by the environment belong to whoever started them; nothing to stop here.
    return { kafkaBrokers: splitBrokers(brokers), schemaRegistryUrl: registryUrl, stop: () => Promise.resolve() };
  }
  if (brokers || registryUrl) {
    throw new Error(`Only one of KAFKA_BROKERS and SCHEMA_REGISTRY_URL is set; set both.\n\n${HOW_TO_GET_SERVICES}`);
  }
  if (!isDockerEngineReachable()) {
    throw new Error(HOW_TO_GET_SERVICES);
  }
  return startContainers();
}

export function splitBrokers(brokers: string): string[] {
  return brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

function isDockerEngineReachable(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    // No client, no engine or no permission: all mean "no containers here".
    return false;
  }
}

async function startContainers(): Promise<TestServices> {
  // Loaded lazily: Testcontainers is only needed where a Docker engine exists.
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { GenericContainer, Wait } = await import('testcontainers');
  const [kafka, registry] = await Promise.all([
    new KafkaContainer(KAFKA_IMAGE).withKraft().start(),
    new GenericContainer(REGISTRY_IMAGE)
      .withExposedPorts(REGISTRY_PORT)
      .withWaitStrategy(Wait.forHttp('/apis/ccompat/v7/subjects', REGISTRY_PORT))
      .start(),
  ]);
  return {
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    schemaRegistryUrl: `http://${registry.getHost()}:${registry.getMappedPort(REGISTRY_PORT)}/apis/ccompat/v7`,
    stop: async () => {
      await Promise.all([kafka.stop(), registry.stop()]);
    },
  };
}
