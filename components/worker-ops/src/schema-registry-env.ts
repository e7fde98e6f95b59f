import { z } from 'zod';

/**
 * The registry variables of every base that reads or writes Confluent-framed Avro, to spread into
 * its own schema: where the registry is, how to log in, and whether a missing schema is registered.
 */
export const schemaRegistryEnvShape = {
  SCHEMA_REGISTRY_URL: z
    .url()
    .default('http://localhost:8081/apis/ccompat/v7')
    .describe('base URL of the Confluent-compatible registry API'),
  SCHEMA_REGISTRY_USERNAME: z.string().optional().describe('registry basic-auth user'),
  SCHEMA_REGISTRY_PASSWORD: z.string().optional().describe('registry basic-auth password'),
  SCHEMA_AUTO_REGISTER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((text) => text === 'true')
    .describe('true: register a schema its subject lacks; false: only look it up'),
};

export interface SchemaRegistrySettings {
  readonly url: string;
  readonly auth?: { readonly username: string; readonly password: string };
  readonly autoRegister: boolean;
}

/** The typed settings of `schemaRegistryEnvShape`; a user without a password gets an empty one. */
export function schemaRegistrySettingsFromEnv(
  parsed: z.output<z.ZodObject<typeof schemaRegistryEnvShape>>,
): SchemaRegistrySettings {
  const username = parsed.SCHEMA_REGISTRY_USERNAME;
  return {
    url: parsed.SCHEMA_REGISTRY_URL,
    ...(username === undefined ? {} : { auth: { username, password: parsed.SCHEMA_REGISTRY_PASSWORD ?? '' } }),
    autoRegister: parsed.SCHEMA_AUTO_REGISTER,
  };
}
