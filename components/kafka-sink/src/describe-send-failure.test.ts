import { describe, expect, it } from 'vitest';
import { describeSendFailure } from './describe-send-failure';

const HOUR_MS = 3_600_000;
const AT_MS = Date.UTC(2026, 11, 8, 12);

describe('describeSendFailure()', () => {
  it('names the topics, the timestamps and both broker settings when the broker answered INVALID_TIMESTAMP', () => {
    const refusal = Object.assign(new Error('Timestamp of message is out of acceptable range'), {
      type: 'INVALID_TIMESTAMP',
    });
    // The sink wraps kafkajs' error; the broker's answer is further down the cause chain.
    const wrapped = new Error('KafkaJSNonRetriableError: out of range', { cause: refusal });
    const message = describeSendFailure(
      [
        { topic: 'features', key: 'a', value: 'x', timestampMs: AT_MS + 2 * HOUR_MS },
        { topic: 'features', key: 'b', value: 'y', timestampMs: AT_MS },
        { topic: 'late', key: 'c', value: 'z' },
      ],
      wrapped,
    );
    expect(message).toContain('refused the timestamps of a batch of 3 records to features, late');
    expect(message).toContain('2026-12-08T12:00:00.000Z to 2026-12-08T14:00:00.000Z');
    expect(message).toContain('message.timestamp.after.max.ms');
    expect(message).toContain('message.timestamp.before.max.ms');
  });

  it('passes any other failure through as it was', () => {
    expect(describeSendFailure([{ topic: 't', key: null, value: 'v' }], new Error('broker gone'))).toBe(
      'a batch of 1 records was not acknowledged: broker gone',
    );
  });
});
