import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import * as envConfig from './index';

describe('@fp/env-config interface', () => {
  it('exports exactly its public names', () => {
    expect(Object.keys(envConfig).sort()).toEqual([
      'EnvConfigError',
      'envConfigErrorCodes',
      'fileOption',
      'parseCommandLine',
      'parseEnv',
    ]);
  });

  it('parses a config through the interface', () => {
    expect(envConfig.parseEnv(z.object({ PORT: z.coerce.number() }), { PORT: '8080' })).toEqual({ PORT: 8080 });
  });
});
