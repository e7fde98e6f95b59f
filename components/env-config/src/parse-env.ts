import type { z } from 'zod';
import { EnvConfigError } from './errors';

/** A zod object whose keys are environment variable names. */
export type EnvSchema = z.ZodObject<z.ZodRawShape>;

/**
 * Parses `env` against `schema` and returns the typed result, or throws `ENV_CONFIG_INVALID`
 * listing every bad variable with what was expected (the field's `.describe()` text). Values are
 * never echoed: a variable may hold a secret.
 */
export function parseEnv<Schema extends EnvSchema>(
  schema: Schema,
  env: Readonly<Record<string, string | undefined>>,
): z.output<Schema> {
  const result = schema.safeParse(withoutEmptyValues(env));
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.map(String).join('.') || '(environment)';
    const expected = describeVariable(schema, issue.path[0]);
    return expected ? `${variable}: ${issue.message} (expected ${expected})` : `${variable}: ${issue.message}`;
  });
  throw new EnvConfigError('ENV_CONFIG_INVALID', problems);
}

/** `FOO=` in a shell or a compose file means "not set": let the default apply. */
function withoutEmptyValues(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') {
      present[name] = value;
    }
  }
  return present;
}

function describeVariable(schema: EnvSchema, key: PropertyKey | undefined): string | undefined {
  if (typeof key !== 'string') {
    return undefined;
  }
  // Every field of a classic zod object is a `z.ZodType`, which carries `.describe()` text.
  return (schema.shape[key] as z.ZodType | undefined)?.description;
}
