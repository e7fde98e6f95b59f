import { PipelineError } from '@fp/errors';
import type { SinkRecord } from '@fp/kafka-sink';
import { describe, expect, it } from 'vitest';
import { createDeadLetterHandler } from './create-dead-letter-handler';
import type { SourceRecord } from './dead-letter-record';
import { RecordFailedError } from './errors';

const rawRecord = (value: string, offset = '7'): SourceRecord => ({
  topic: 'flights',
  partition: 1,
  offset,
  key: Buffer.from('LH400'),
  value: Buffer.from(value),
  headers: {},
});

/** A stand-in for the JSON serde: domain `data` errors for bad bytes. */
function decodeJson(record: SourceRecord): unknown {
  try {
    return JSON.parse(String(record.value));
  } catch (error) {
    throw new PipelineError('SERDES_JSON_SYNTAX', (error as Error).message, { domain: 'data', cause: error });
  }
}

function memorySink(): { records: SinkRecord[]; send: (record: SinkRecord) => void } {
  const records: SinkRecord[] = [];
  return { records, send: (record) => records.push(record) };
}

describe('createDeadLetterHandler()', () => {
  it("defaults to 'fail': a bad record throws DEAD_LETTERS_RECORD_FAILED carrying topic, partition, offset and step", () => {
    const handler = createDeadLetterHandler();
    expect(handler.policy).toBe('fail');
    let thrown: unknown;
    try {
      handler.decodeOrDeadLetter(rawRecord('{oops'), decodeJson, 'read-flights');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RecordFailedError);
    expect(thrown).toMatchObject({
      code: 'DEAD_LETTERS_RECORD_FAILED',
      domain: 'data',
      topic: 'flights',
      partition: 1,
      offset: '7',
      stepName: 'read-flights',
      causeCode: 'SERDES_JSON_SYNTAX',
      message: expect.stringContaining('flights[1]@7 in step "read-flights": SERDES_JSON_SYNTAX'),
    });
    expect(handler.counts()).toEqual({ decoded: 0, skipped: 0, deadLettered: 0, failed: 1 });
  });

  it('returns the decoded value for a good record', () => {
    const handler = createDeadLetterHandler({ policy: 'skip' });
    expect(handler.decodeOrDeadLetter(rawRecord('{"delay":3}'), decodeJson)).toEqual({
      isDecoded: true,
      value: { delay: 3 },
    });
    expect(handler.counts().decoded).toBe(1);
  });

  it("'skip' drops the record, reports why and counts it", () => {
    const handler = createDeadLetterHandler({ policy: 'skip' });
    const outcome = handler.decodeOrDeadLetter(rawRecord('nope'), decodeJson);
    expect(outcome).toMatchObject({ isDecoded: false, outcome: 'skipped', error: { causeCode: 'SERDES_JSON_SYNTAX' } });
    expect(handler.counts()).toEqual({ decoded: 0, skipped: 1, deadLettered: 0, failed: 0 });
  });

  it("'dead-letter' sends the original bytes with error headers to the dead-letter topic", () => {
    const sink = memorySink();
    const handler = createDeadLetterHandler({ policy: 'dead-letter', deadLetterTopic: 'flights-dlq', sink });
    const outcome = handler.decodeOrDeadLetter(rawRecord('{bad', '99'), decodeJson, 'read-flights');
    expect(outcome).toMatchObject({ isDecoded: false, outcome: 'dead-lettered' });
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({
      topic: 'flights-dlq',
      key: Buffer.from('LH400'),
      value: Buffer.from('{bad'),
      headers: {
        'fp-error-code': 'SERDES_JSON_SYNTAX',
        'fp-source-topic': 'flights',
        'fp-source-partition': '1',
        'fp-source-offset': '99',
        'fp-step': 'read-flights',
      },
    });
    expect(handler.counts()).toEqual({ decoded: 0, skipped: 0, deadLettered: 1, failed: 0 });
  });

  it('rethrows errors that are not about the record, whatever the policy', () => {
    const handler = createDeadLetterHandler({ policy: 'skip' });
    const outage = new PipelineError('SCHEMA_REGISTRY_UNAVAILABLE', 'registry down', {
      domain: 'external',
      retry: 'backoff',
    });
    expect(() =>
      handler.decodeOrDeadLetter(rawRecord('x'), () => {
        throw outage;
      }),
    ).toThrow(outage);
    const bug = new TypeError('undefined is not a function');
    expect(() => handler.handleFailure(rawRecord('x'), bug)).toThrow(bug);
    expect(handler.counts()).toEqual({ decoded: 0, skipped: 0, deadLettered: 0, failed: 0 });
  });

  it('applies the policy to processing errors too, keeping an existing RecordFailedError', () => {
    const sink = memorySink();
    const handler = createDeadLetterHandler({ policy: 'dead-letter', deadLetterTopic: 'dlq', sink });
    const failure = new RecordFailedError(
      { topic: 'flights', partition: 1, offset: '7', stepName: 'enrich' },
      new PipelineError('FLIGHTS_UNKNOWN_AIRPORT', 'XXX', { domain: 'data' }),
    );
    expect(handler.handleFailure(rawRecord('{}'), failure, 'ignored')).toBe('dead-lettered');
    expect(sink.records[0]?.headers).toMatchObject({ 'fp-step': 'enrich', 'fp-error-code': 'FLIGHTS_UNKNOWN_AIRPORT' });
  });

  it("rejects 'dead-letter' without a topic or sink, listing both", () => {
    expect(() => createDeadLetterHandler({ policy: 'dead-letter' })).toThrow(
      expect.objectContaining({
        code: 'DEAD_LETTERS_INVALID_OPTIONS',
        message: expect.stringMatching(/deadLetterTopic.*sink/),
      }),
    );
    expect(() => createDeadLetterHandler({ policy: 'retry' as never })).toThrow(/policy "retry"/);
  });
});
