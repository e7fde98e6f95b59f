import { describe, expect, it } from 'vitest';
import { missingServices, resolveTestServices, splitBrokers } from './services';

describe('resolveTestServices()', () => {
  it('uses KAFKA_BROKERS and SCHEMA_REGISTRY_URL when both are set, and stops nothing', async () => {
    const services = await resolveTestServices({ KAFKA_BROKERS: 'a:1, b:2', SCHEMA_REGISTRY_URL: 'http://r:8081' });
    expect(services.kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(services.schemaRegistryUrl).toBe('http://r:8081');
    await expect(services.stop()).resolves.toBeUndefined();
  });

  it('refuses a half-configured environment, saying how to fix it', async () => {
    await expect(resolveTestServices({ KAFKA_BROKERS: 'a:1' })).rejects.toThrow(
      /Only one of KAFKA_BROKERS and SCHEMA_REGISTRY_URL is set/,
    );
  });
});

describe('missingServices()', () => {
  it('finds nothing missing when both addresses are set', () => {
    expect(missingServices({ KAFKA_BROKERS: 'a:1', SCHEMA_REGISTRY_URL: 'http://r:8081' })).toBeUndefined();
  });

  it('names the address that is missing and how to get both', () => {
    expect(missingServices({ SCHEMA_REGISTRY_URL: 'http://r:8081' })).toMatch(
      /Only one of KAFKA_BROKERS and SCHEMA_REGISTRY_URL is set[\s\S]*services\.sh start/,
    );
  });
});

describe('splitBrokers()', () => {
  it('drops blanks around and between entries', () => {
    expect(splitBrokers(' a:1,,b:2 ')).toEqual(['a:1', 'b:2']);
  });
});
