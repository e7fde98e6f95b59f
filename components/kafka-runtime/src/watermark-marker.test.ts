import { describe, expect, it } from 'vitest';
import type { SinkRecord } from '@fp/kafka-sink';
import { createWatermarkMarkers, readWatermarkMarker } from './watermark-marker';

describe('createWatermarkMarkers()', () => {
  it('sends the latest watermark of each upstream task to every partition of its topic, once per flush', () => {
    const markers = createWatermarkMarkers((topic) => (topic === 'a-repartition' ? 2 : 1));
    markers.note('a-repartition', '0_0', 10);
    markers.note('a-repartition', '0_1', 7);
    markers.note('a-repartition', '0_0', 12);
    markers.note('b-repartition', '0_0', 12);
    const sent: SinkRecord[] = [];
    const sink = { send: (record: SinkRecord) => sent.push(record) };

    markers.flush(sink);

    expect(
      sent.map((record) => ({
        topic: record.topic,
        partition: record.partition,
        key: record.key,
        value: record.value,
        ...readWatermarkMarker(
          Object.fromEntries(
            Object.entries(record.headers ?? {}).map(([name, value]) => [name, Buffer.from(String(value))]),
          ),
        ),
      })),
    ).toEqual([
      { topic: 'a-repartition', partition: 0, key: null, value: null, fromTaskId: '0_0', watermarkMs: 12 },
      { topic: 'a-repartition', partition: 1, key: null, value: null, fromTaskId: '0_0', watermarkMs: 12 },
      { topic: 'a-repartition', partition: 0, key: null, value: null, fromTaskId: '0_1', watermarkMs: 7 },
      { topic: 'a-repartition', partition: 1, key: null, value: null, fromTaskId: '0_1', watermarkMs: 7 },
      { topic: 'b-repartition', partition: 0, key: null, value: null, fromTaskId: '0_0', watermarkMs: 12 },
    ]);
    sent.length = 0;
    markers.flush(sink);
    expect(sent).toEqual([]);
  });

  it('reads no marker from a record without both headers', () => {
    expect(readWatermarkMarker(undefined)).toBeUndefined();
    expect(readWatermarkMarker({ 'fp-watermark-task': Buffer.from('0_0') })).toBeUndefined();
  });
});
