import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import { buildDeadLetterRecord, MAX_ERROR_MESSAGE_CHARS, type SourceRecord } from './dead-letter-record';
import { RecordFailedError } from './errors';

const record: SourceRecord = {
  topic: 'card-transactions',
  partition: 3,
  offset: '1234',
  key: Buffer.from('4242'),
  value: Buffer.from('{"amount": 1'),
  headers: { traceparent: Buffer.from('00-abc'), 'fp-step': Buffer.from('stale') },
  timestampMs: 1_700_000_000_000,
};
const syntaxError = new PipelineError('SERDES_JSON_SYNTAX', 'Unexpected end of JSON input', { domain: 'data' });

describe('buildDeadLetterRecord()', () => {
  it('keeps the original key, value, headers and timestamp and adds the error headers', () => {
    const failure = new RecordFailedError({ ...record, stepName: 'decode-transactions' }, syntaxError);
    const letter = buildDeadLetterRecord('card-transactions-dlq', record, failure);
    expect(letter.topic).toBe('card-transactions-dlq');
    expect(letter.key).toBe(record.key);
    expect(letter.value).toBe(record.value);
    expect(letter.timestampMs).toBe(1_700_000_000_000);
    expect(letter.headers).toEqual({
      traceparent: Buffer.from('00-abc'),
      'fp-error-code': 'SERDES_JSON_SYNTAX',
      'fp-error-message': 'Unexpected end of JSON input',
      'fp-source-topic': 'card-transactions',
      'fp-source-partition': '3',
      'fp-source-offset': '1234',
      'fp-step': 'decode-transactions',
    });
  });

  it('omits fp-step when the step is unknown and drops a stale one', () => {
    const letter = buildDeadLetterRecord('dlq', record, new RecordFailedError(record, syntaxError));
    expect(letter.headers).not.toHaveProperty('fp-step');
  });

  it('truncates very long error messages', () => {
    const long = new PipelineError('SERDES_VALIDATION', 'x'.repeat(5_000), { domain: 'data' });
    const letter = buildDeadLetterRecord('dlq', record, new RecordFailedError(record, long));
    expect(String(letter.headers?.['fp-error-message'])).toHaveLength(MAX_ERROR_MESSAGE_CHARS + 1);
  });
});
