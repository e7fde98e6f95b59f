import { describe, expect, it } from 'vitest';
import * as log from './index';

describe('@fp/log interface', () => {
  it('exports exactly its public names', () => {
    expect(Object.keys(log).sort()).toEqual(['LOG_LEVELS', 'createLogger', 'createSilentLogger']);
  });

  it('creates a silent logger that accepts calls', () => {
    const silent = log.createSilentLogger();
    expect(silent.isLevelEnabled('fatal')).toBe(false);
  });
});
