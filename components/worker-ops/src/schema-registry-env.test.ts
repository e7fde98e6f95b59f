import { parseEnv } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaRegistryEnvShape, schemaRegistrySettingsFromEnv } from './schema-registry-env';

describe('schemaRegistrySettingsFromEnv', () => {
  it('defaults to the local registry, no login, schemas registered', () => {
    expect(schemaRegistrySettingsFromEnv(parseEnv(z.object(schemaRegistryEnvShape), {}))).toEqual({
      url: 'http://localhost:8081/apis/ccompat/v7',
      autoRegister: true,
    });
  });

  it('logs in with the user (an empty password when none is set) and can only look schemas up', () => {
    const settings = schemaRegistrySettingsFromEnv(
      parseEnv(z.object(schemaRegistryEnvShape), {
        SCHEMA_REGISTRY_URL: 'https://registry.example:8443/apis/ccompat/v7',
        SCHEMA_REGISTRY_USERNAME: 'me',
        SCHEMA_AUTO_REGISTER: 'false',
      }),
    );
    expect(settings).toEqual({
      url: 'https://registry.example:8443/apis/ccompat/v7',
      auth: { username: 'me', password: '' },
      autoRegister: false,
    });
  });

  it('refuses a URL that is not one and an auto-register flag that is not true or false', () => {
    expect(() =>
      parseEnv(z.object(schemaRegistryEnvShape), { SCHEMA_REGISTRY_URL: 'nope', SCHEMA_AUTO_REGISTER: 'yes' }),
    ).toThrow(/SCHEMA_REGISTRY_URL[\s\S]*SCHEMA_AUTO_REGISTER|SCHEMA_AUTO_REGISTER[\s\S]*SCHEMA_REGISTRY_URL/);
  });
});
