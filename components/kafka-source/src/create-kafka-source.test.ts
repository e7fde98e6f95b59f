import { describe, expect, it } from 'vitest';
import { createKafkaSource, validateSourceOptions, type KafkaSourceOptions } from './create-kafka-source';

const valid: KafkaSourceOptions = {
  connection: { brokers: ['127.0.0.1:1'], clientId: 'c' },
  groupId: 'card-features',
  topics: ['transactions'],
  handler: async () => undefined,
};

describe('validateSourceOptions()', () => {
  it('accepts a group, topics and a handler', () => {
    expect(() => validateSourceOptions(valid)).not.toThrow();
  });

  it('lists every bad option in one KAFKA_SOURCE_INVALID_OPTIONS error', () => {
    expect(() =>
      validateSourceOptions({
        ...valid,
        groupId: '',
        topics: [],
        startFrom: { timestampMs: Number.NaN },
        sessionTimeoutMs: -1,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'KAFKA_SOURCE_INVALID_OPTIONS',
        message: expect.stringMatching(/groupId.*topics.*startFrom.*sessionTimeoutMs/),
      }),
    );
  });
});

describe('createKafkaSource()', () => {
  it('refuses commit, seek and pause before start() with KAFKA_SOURCE_NOT_RUNNING', async () => {
    const source = createKafkaSource(valid);
    await expect(source.commit([{ topic: 'transactions', partition: 0, offset: '1' }])).rejects.toMatchObject({
      code: 'KAFKA_SOURCE_NOT_RUNNING',
    });
    expect(() => source.seek({ topic: 'transactions', partition: 0, offset: '1' })).toThrow(
      expect.objectContaining({ code: 'KAFKA_SOURCE_NOT_RUNNING' }),
    );
    expect(() => source.pause([{ topic: 'transactions', partition: 0 }])).toThrow(
      expect.objectContaining({ code: 'KAFKA_SOURCE_NOT_RUNNING' }),
    );
    expect(source.assignment()).toEqual([]);
  });

  it('rejects start() with KAFKA_SOURCE_CONSUMER_FAILED when no broker answers, without leaking the password', async () => {
    const source = createKafkaSource({
      ...valid,
      connection: {
        brokers: ['127.0.0.1:1'],
        clientId: 'c',
        retries: 0,
        connectionTimeoutMs: 300,
        sasl: { mechanism: 'plain', username: 'u', password: 'source-secret-42' },
      },
    });
    const error = await source.start().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'KAFKA_SOURCE_CONSUMER_FAILED', domain: 'external' });
    expect((error as Error).message).not.toContain('source-secret-42');
    await expect(source.stopped).rejects.toBe(error);
  });
});
