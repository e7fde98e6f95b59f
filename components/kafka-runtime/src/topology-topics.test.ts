import { createSilentLogger } from '@fp/log';
import { createTopology, v8Serde, type SinkOptions } from '@fp/topology';
import { describe, expect, it } from 'vitest';
import { ensureOutputTopics } from './output-topics';
import { inputTopicsOf, outputTopicsOf } from './topology-topics';

// Only the topic names matter here: any serde of the right type will do.
const stringSerde = v8Serde as SinkOptions<string, unknown>['key'];
const value = v8Serde as SinkOptions<unknown, { n: number }>['value'];

function twoInTwoOut() {
  const topology = createTopology('topics');
  const left = topology.stream('read-a', { topic: 'a', key: stringSerde, value });
  const right = topology.stream('read-b', { topic: 'b', key: stringSerde, value });
  const merged = left.merge('merge', right);
  merged.to('write-x', { topic: 'x', key: stringSerde, value });
  merged.filter('positive', (_key, record) => record.n > 0).to('write-y', { topic: 'y', key: stringSerde, value });
  // A repartition topic is the topology's own: neither an input nor an output.
  merged.groupBy('by-value', (_key, record) => String(record.n), { key: stringSerde }).count('count');
  return topology;
}

describe('inputTopicsOf() and outputTopicsOf()', () => {
  it('lists the sources and the sinks, not the internal topics', () => {
    expect(inputTopicsOf(twoInTwoOut())).toEqual(['a', 'b']);
    expect(outputTopicsOf(twoInTwoOut())).toEqual(['x', 'y']);
  });

  it('adds the dead-letter topic to the outputs when given', () => {
    expect(outputTopicsOf(twoInTwoOut(), 'topics-dead-letters')).toEqual(['x', 'y', 'topics-dead-letters']);
  });
});

describe('ensureOutputTopics()', () => {
  it('rejects every bad setting at once, before reaching a broker', async () => {
    const options = {
      connection: { brokers: ['localhost:1'], clientId: 'unreachable' },
      partitions: 0,
      retentionMs: -2,
      replicationFactor: 1.5,
      log: createSilentLogger(),
    };
    await expect(ensureOutputTopics(twoInTwoOut(), options)).rejects.toMatchObject({
      code: 'KAFKA_RUNTIME_INVALID_OPTIONS',
      message: expect.stringMatching(/partitions .* got 0; retentionMs .* got -2; replicationFactor .* got 1.5/),
    });
  });
});
