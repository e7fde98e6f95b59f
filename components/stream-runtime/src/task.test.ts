import { createMemoryStore } from '@fp/keyed-state';
import { numberSerde, stringSerde } from '@fp/serdes';
import { createTopology } from '@fp/topology';
import type { SubTopology } from '@fp/topology/internal';
import { tumbling } from '@fp/windowing';
import { describe, expect, it } from 'vitest';
import type { RawRecord, TaskOutput } from './raw-record';
import { createTask } from './task';

function windowedCounts() {
  const topology = createTopology('snapshot');
  topology
    .stream('read', { topic: 'in', key: stringSerde, value: numberSerde, timestamp: (value: number) => value })
    .groupBy('by-parity', (_key, value) => String(value % 2), { key: stringSerde })
    .windowedBy(tumbling({ sizeMs: 100, allowedLatenessMs: 0 }))
    .count('count');
  return topology;
}

function recordingOutput() {
  const markers: { topic: string; watermarkMs: number }[] = [];
  const output: TaskOutput = {
    send: () => undefined,
    watermark: (topic, _from, watermarkMs) => markers.push({ topic, watermarkMs }),
    deadLetter: () => undefined,
  };
  return { output, markers };
}

const record = (offset: number, value: number): RawRecord => ({
  topic: 'in',
  partition: 0,
  offset: String(offset),
  key: Buffer.from('k'),
  value: numberSerde.serialize(value),
  timestampMs: 0,
});

describe('createTask(): watermark snapshots', () => {
  it('lets a restarted task continue from the stream time it had, and tell its downstream tasks', () => {
    const topology = windowedCounts();
    const upstream = topology.subTopologies[0] as SubTopology;
    const options = {
      topology,
      subTopology: upstream,
      partition: 0,
      repartitionPartitions: () => 1,
      upstreamTasks: () => 1,
      store: () => createMemoryStore<unknown>({}),
      now: () => 0,
    };
    const first = createTask({ ...options, output: recordingOutput().output });
    first.process(record(0, 250));
    first.process(record(1, 120)); // out of order: the largest event time stays 250
    expect(first.watermarkMs()).toBe(249);
    const snapshot = first.watermarkSnapshot();
    expect(snapshot).toEqual({ 'source:in': 250 });

    const { output, markers } = recordingOutput();
    const restarted = createTask({ ...options, output });
    expect(restarted.watermarkMs()).toBe(Number.NEGATIVE_INFINITY);
    restarted.restoreWatermarks(snapshot);
    expect(restarted.watermarkMs()).toBe(249);
    // Without new input it still announces its watermark to the repartition topic it writes.
    expect(markers).toEqual([{ topic: 'snapshot-by-parity-repartition', watermarkMs: 249 }]);
    // Watermarks never go back: an older snapshot changes nothing.
    restarted.restoreWatermarks({ 'source:in': 10, 'not-an-input': 5 });
    expect(restarted.watermarkMs()).toBe(249);
  });
});
