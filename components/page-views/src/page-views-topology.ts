import { jsonSerde, stringSerde } from '@fp/serdes';
import { createTopology, type DeserializationErrorPolicy, type Topology } from '@fp/topology';
import { tumbling } from '@fp/windowing';
import { pageViewsEventSchema, pageViewsRowSchema } from './page-views-records';

/** Windows are 5 minutes of event time, aligned to the epoch: [12:00, 12:05), [12:05, 12:10), ... */
export const PAGE_VIEWS_WINDOW_MS = 5 * 60_000;
/** After it fired, a window still takes late events for 1 minute of event time (each sends its row again). */
export const PAGE_VIEWS_ALLOWED_LATENESS_MS = 60_000;

export interface PageViewsTopologyOptions {
  /** Prefix of the internal topics (Kafka Streams' `application.id`). */
  readonly applicationId: string;
  readonly inputTopic: string;
  readonly outputTopic: string;
  /** What happens to an input record that is not a valid event; default `fail`. */
  readonly onBadRecord?: DeserializationErrorPolicy;
  /** After a re-keying step you add: a silent partition stops holding event time back after this long. */
  readonly idleTimeoutMs?: number;
}

/**
 * Events per key in 5-minute tumbling event-time windows with 1 minute of allowed lateness. A
 * window fires once the event time of its key's input partition (the largest `event_time` seen
 * there, minus 1 ms) reaches its end; an event later than the lateness goes to the windows' late
 * records, counted in the metrics, never silently dropped.
 */
export function buildPageViewsTopology(options: PageViewsTopologyOptions): Topology {
  const topology = createTopology(options.applicationId);
  topology
    .stream('read-events', {
      topic: options.inputTopic,
      key: stringSerde,
      value: jsonSerde(pageViewsEventSchema),
      timestamp: (event) => event.event_time,
      onDeserializationError: options.onBadRecord ?? 'fail',
      ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
    })
    .groupByKey()
    .windowedBy(tumbling({ sizeMs: PAGE_VIEWS_WINDOW_MS, allowedLatenessMs: PAGE_VIEWS_ALLOWED_LATENESS_MS }))
    .count('events-per-5m')
    .toStream()
    .map('to-row', ({ key, window }, events) => ({
      key,
      value: { key, window_start: window.startMs, window_end: window.endMs, events },
    }))
    .to('write-rows', { topic: options.outputTopic, key: stringSerde, value: jsonSerde(pageViewsRowSchema) });
  return topology;
}
