import { undocumentedErrorCodes } from '@fp/errors/testing';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SerdesError, serdesErrorCodes, withRecordContext } from './errors';

describe('serdesErrorCodes', () => {
  it('are all documented in the README errors table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(undocumentedErrorCodes(serdesErrorCodes, readme)).toEqual([]);
  });
});

describe('SerdesError', () => {
  it('classifies record-level failures as data, so the runtime applies its dead-letter policy', () => {
    const dataCodes = serdesErrorCodes.filter((code) => code !== 'SERDES_INVALID_OPTIONS');
    for (const code of dataCodes) {
      expect(new SerdesError(code, 'm').domain).toBe('data');
    }
  });

  it('classifies bad options as internal', () => {
    expect(new SerdesError('SERDES_INVALID_OPTIONS', 'm').domain).toBe('internal');
  });
});

describe('withRecordContext()', () => {
  it('returns the same failure with topic, partition, offset and step added, keeping code, message and cause', () => {
    const cause = new Error('truncated buffer');
    const original = new SerdesError('SERDES_AVRO_TRUNCATED', 'short payload', {
      cause,
      context: { stepName: 'read' },
    });
    const enriched = withRecordContext(original, { topic: 'tx', partition: 2, offset: '17' });
    expect(enriched).toBeInstanceOf(SerdesError);
    expect(enriched).toMatchObject({ code: 'SERDES_AVRO_TRUNCATED', message: 'short payload', domain: 'data', cause });
    expect(enriched.context).toEqual({ stepName: 'read', topic: 'tx', partition: 2, offset: '17' });
    expect(enriched.stack).toBe(original.stack);
  });

  it('leaves the original error untouched', () => {
    const original = new SerdesError('SERDES_JSON_SYNTAX', 'm');
    withRecordContext(original, { topic: 'tx' });
    expect(original.context).toEqual({});
  });
});
