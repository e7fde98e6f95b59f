import { createTopology } from '@fp/topology';
import { describe, expect, it } from 'vitest';
import { validateRunOptions } from './run-options';

/** The runtime never runs these here: options are checked before anything is decoded. */
const textSerde = {
  serialize: (text: string) => Buffer.from(text),
  deserialize: (bytes: Buffer) => bytes.toString(),
};

function topologyWithDeadLetters() {
  const topology = createTopology('orders-app');
  topology
    .stream('read-orders', {
      topic: 'orders',
      key: textSerde,
      value: textSerde,
      onDeserializationError: 'dead-letter',
    })
    .to('write-orders', { topic: 'orders-out', key: textSerde, value: textSerde });
  return topology;
}

describe('validateRunOptions()', () => {
  it('accepts sensible options', () => {
    expect(() =>
      validateRunOptions(topologyWithDeadLetters(), {
        connection: { brokers: ['localhost:9092'], clientId: 'orders' },
        stateDir: '/tmp/state',
        deadLetterTopic: 'orders-dlq',
        commitIntervalMs: 5_000,
        repartitionPurgeIntervalMs: 0,
        sessionTimeoutMs: 10_000,
        maxBytesPerPartition: 256 * 1024,
      }),
    ).not.toThrow();
  });

  it('lists every bad setting in one KAFKA_RUNTIME_INVALID_OPTIONS error', () => {
    let caught: unknown;
    try {
      validateRunOptions(topologyWithDeadLetters(), {
        connection: { brokers: [], clientId: 'orders' },
        stateDir: '',
        commitIntervalMs: 0,
        repartitionPurgeIntervalMs: -1,
        sessionTimeoutMs: 1_000,
        maxBytesPerPartition: 0.5,
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'KAFKA_RUNTIME_INVALID_OPTIONS' });
    const message = (caught as Error).message;
    for (const setting of [
      'connection.brokers',
      'stateDir',
      'commitIntervalMs',
      'repartitionPurgeIntervalMs',
      'sessionTimeoutMs',
      'maxBytesPerPartition',
      'deadLetterTopic',
    ]) {
      expect(message).toContain(setting);
    }
  });
});
