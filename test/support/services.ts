import { execFileSync } from 'node:child_process';
import { freeLocalPort } from './free-port';

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

/**
 * Kafka and registry images used when the tests start their own containers: the image family
 * docker-compose.yml runs, at the version tools/local-services runs natively (`KAFKA_VERSION`
 * selects another, e.g. 3.9.1, as it does there).
 */
export const TEST_KAFKA_IMAGE_FAMILY = 'apache/kafka';
export const DEFAULT_TEST_KAFKA_VERSION = '4.1.2';
export const TEST_REGISTRY_IMAGE = 'apicurio/apicurio-registry:3.3.3';
const REGISTRY_PORT = 8080;
/** The container's own listeners: brokers talk to each other and to the controller inside it. */
const INTERNAL_PORT = 9092;
const CONTROLLER_PORT = 9093;

/**
 * Resolves the services once per test run: `KAFKA_BROKERS` / `SCHEMA_REGISTRY_URL` when set,
 * else Testcontainers when a Docker engine answers, else an error saying how to get them.
 */
export async function resolveTestServices(env: NodeJS.ProcessEnv = process.env): Promise<TestServices> {
  const missing = missingServices(env);
  if (missing !== undefined) throw new Error(missing);
  const brokers = env['KAFKA_BROKERS'];
  const registryUrl = env['SCHEMA_REGISTRY_URL'];
  if (brokers && registryUrl) {
    // Services given by the environment belong to whoever started them; nothing to stop here.
    return { kafkaBrokers: splitBrokers(brokers), schemaRegistryUrl: registryUrl, stop: () => Promise.resolve() };
  }
  return startContainers(env);
}

/**
 * Why the integration tests cannot get a broker and a registry (what is unset, and how to get
 * them), or `undefined` when the environment names both or a Docker engine can start them.
 */
export function missingServices(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const brokers = env['KAFKA_BROKERS'];
  const registryUrl = env['SCHEMA_REGISTRY_URL'];
  if (brokers && registryUrl) return undefined;
  if (brokers || registryUrl) {
    return `Only one of KAFKA_BROKERS and SCHEMA_REGISTRY_URL is set; set both.\n\n${HOW_TO_GET_SERVICES}`;
  }
  return isDockerEngineReachable()
    ? undefined
    : `KAFKA_BROKERS and SCHEMA_REGISTRY_URL are unset and no Docker engine answers.\n${HOW_TO_GET_SERVICES}`;
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

/**
 * The apache/kafka image configured by environment as tools/local-services configures the native
 * broker: one KRaft node, and internal topics (offsets, transaction log) with replication factor 1
 * and min ISR 1, without which every transaction on a one-broker cluster times out. The listener for
 * the tests is published on the same port number on the host, because Kafka must advertise the
 * address clients reach, and a port Docker picks is only known after the broker has started.
 */
async function startKafkaContainer(env: NodeJS.ProcessEnv) {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  const host = (await getContainerRuntimeClient()).info.containerRuntime.host;
  const port = await freeLocalPort();
  const image = `${TEST_KAFKA_IMAGE_FAMILY}:${env['KAFKA_VERSION'] ?? DEFAULT_TEST_KAFKA_VERSION}`;
  const container = await new GenericContainer(image)
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `HOST://0.0.0.0:${port},INTERNAL://0.0.0.0:${INTERNAL_PORT},CONTROLLER://0.0.0.0:${CONTROLLER_PORT}`,
      KAFKA_ADVERTISED_LISTENERS: `HOST://${host}:${port},INTERNAL://localhost:${INTERNAL_PORT}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'HOST:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: `1@localhost:${CONTROLLER_PORT}`,
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_NUM_PARTITIONS: '1',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(180_000)
    .start();
  return { container, brokers: [`${host}:${port}`] };
}

async function startContainers(env: NodeJS.ProcessEnv): Promise<TestServices> {
  // Loaded lazily: Testcontainers is only needed where a Docker engine exists.
  const { GenericContainer, Wait } = await import('testcontainers');
  const [kafka, registry] = await Promise.all([
    startKafkaContainer(env),
    new GenericContainer(TEST_REGISTRY_IMAGE)
      .withExposedPorts(REGISTRY_PORT)
      .withWaitStrategy(Wait.forHttp('/apis/ccompat/v7/subjects', REGISTRY_PORT))
      .start(),
  ]);
  return {
    kafkaBrokers: kafka.brokers,
    schemaRegistryUrl: `http://${registry.getHost()}:${registry.getMappedPort(REGISTRY_PORT)}/apis/ccompat/v7`,
    stop: async () => {
      await Promise.all([kafka.container.stop(), registry.stop()]);
    },
  };
}
