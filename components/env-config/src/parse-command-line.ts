import { parseArgs } from 'node:util';
import { z } from 'zod';
import { EnvConfigError } from './errors';
import { parseEnv, type EnvSchema } from './parse-env';

export interface CommandLineSpec {
  /** Every option (`--name value`), each given at most once unless also in `repeatable`. */
  readonly options: readonly string[];
  /** Options that may be given several times: their value is the list, in command-line order. */
  readonly repeatable?: readonly string[];
  /** Shown after an unknown option or an option without its value. */
  readonly usage: string;
  /** Values for the schema's other fields, or for options not given (e.g. from the environment). */
  readonly fallbacks?: Readonly<Record<string, string | undefined>>;
}

/**
 * Parses a command line (`argv` without node and the script) against `schema`, whose keys are the
 * option names (and the fallbacks' names), with every problem at once as `parseEnv` does.
 *
 * @throws EnvConfigError `ENV_CONFIG_INVALID` listing every bad or missing option; for an unknown
 *   option or one without its value, that one problem and the usage
 */
export function parseCommandLine<Schema extends EnvSchema>(
  schema: Schema,
  argv: readonly string[],
  spec: CommandLineSpec,
): z.output<Schema> {
  const repeatable = new Set(spec.repeatable ?? []);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        spec.options.map((name) => [name, { type: 'string' as const, multiple: repeatable.has(name) }]),
      ),
      tokens: true,
    });
  } catch (error) {
    throw new EnvConfigError('ENV_CONFIG_INVALID', [`${(error as Error).message}\n${spec.usage}`]);
  }
  // parseArgs keeps the last of two values; a second value is more likely a slip than a wish.
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || repeatable.has(token.name)) continue;
    if (seen.has(token.name)) {
      throw new EnvConfigError('ENV_CONFIG_INVALID', [`Option '--${token.name}' is given twice\n${spec.usage}`]);
    }
    seen.add(token.name);
  }
  const values = parsed.values as Record<string, string | string[] | undefined>;
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  // A repeatable option's list is not a string; the schema reads it as what it is.
  return parseEnv(schema, { ...spec.fallbacks, ...given } as Record<string, string | undefined>);
}

/** An option naming a file of one of these types, by its extension (any case). */
export function fileOption(extensions: readonly string[]): z.ZodString {
  return z
    .string()
    .regex(
      new RegExp(`\\.(${extensions.join('|')})$`, 'i'),
      `must end in ${extensions.map((extension) => `.${extension}`).join(' or ')}`,
    )
    .describe(`a ${extensions.join(' or ')} file`);
}
