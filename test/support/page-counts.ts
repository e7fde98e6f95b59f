import { jsonSerde, numberSerde, stringSerde } from '@fp/serdes';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { createTopology, windowedKeySerde, type Topology } from '@fp/topology';
import { tumbling } from '@fp/windowing';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import { connectTestProducer } from './test-producer';

export const clickSchema = z.object({ user: z.string(), page: z.string(), ms: z.number() });
export type Click = z.infer<typeof clickSchema>;
export const pageCountKeySerde = windowedKeySerde(stringSerde);

/**
 * A small pipeline with everything a runtime must get right: decode with a dead-letter policy,
 * re-key (repartition topic + watermark markers), event-time windows and a keyed store.
 */
export function pageCountsTopology(
  topics: { clicks: string; counts: string },
  name = 'page-counts',
  options: {
    /** A step `check-click` right after the source, which may reject a click with a data error. */
    readonly check?: (click: Click) => Click;
  } = {},
): Topology {
  // The name prefixes the internal topics, so runs that must not share them use distinct names.
  const topology = createTopology(name);
  const clicks = topology.stream('read-clicks', {
    topic: topics.clicks,
    key: stringSerde,
    value: jsonSerde(clickSchema),
    timestamp: (value: Click) => value.ms,
    watermark: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: 2_000 },
    onDeserializationError: 'dead-letter',
  });
  (options.check ? clicks.mapValues('check-click', options.check) : clicks)
    .groupBy('by-page', (_user, value) => value.page, { key: stringSerde })
    .windowedBy(tumbling({ sizeMs: 10_000, allowedLatenessMs: 0 }))
    .count('count-10s')
    .toStream()
    .to('write-counts', { topic: topics.counts, key: pageCountKeySerde, value: numberSerde });
  return topology;
}

/** Deterministic clicks: 11 users, 4 pages, one every 311 ms from a fixed instant. */
export function generateClicks(from: number, total: number): Click[] {
  return Array.from({ length: total }, (_, index) => {
    const n = from + index;
    return { user: `u${n % 11}`, page: `p${n % 4}`, ms: 1_700_000_000_000 + n * 311 };
  });
}

/** A record as `key=value` text, for comparing outputs as multisets. */
export function describePageCount(key: Buffer | null, value: Buffer | null): string {
  return JSON.stringify({
    key: pageCountKeySerde.deserialize(key as Buffer),
    value: numberSerde.deserialize(value as Buffer),
  });
}

/** What the test driver writes for these clicks while the input is still open (no end of input), as sorted rows. */
export function expectedWhileStreaming(topics: { clicks: string; counts: string }, clicks: readonly Click[]): string[] {
  const driver = createTestDriver(pageCountsTopology(topics), { partitions: 3 });
  for (const value of clicks) driver.pipe(topics.clicks, value.user, value);
  return driver
    .output('write-counts')
    .map(({ key, value }) => JSON.stringify({ key, value }))
    .sort();
}

/** Produces clicks keyed by user, JSON-encoded, as the pipeline's producers would. */
export async function produceClicks(kafka: Kafka, topic: string, clicks: readonly Click[]): Promise<void> {
  const producer = await connectTestProducer(kafka);
  await producer.send(
    topic,
    clicks.map((value) => ({ key: value.user, value: JSON.stringify(value) })),
  );
  await producer.disconnect();
}
