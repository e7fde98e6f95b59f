import type { BadRecordPolicy } from '@fp/errors';
import { jsonSerde, stringSerde } from '@fp/serdes';
import { createTopology, type Topology } from '@fp/topology';
import { aggregator, combine, count, tumbling } from '@fp/windowing';
import { pageViewsEventSchema, pageViewsRowSchema, type PageViewsEvent } from './page-views-records';

/** Windows are 5 minutes of event time, aligned to the epoch: [12:00, 12:05), [12:05, 12:10), ... */
export const PAGE_VIEWS_WINDOW_MS = 5 * 60_000;
/** After it fired, a window still takes late events for 1 minute of event time (each sends its row again). */
export const PAGE_VIEWS_ALLOWED_LATENESS_MS = 60_000;

/** The number of different pages viewed. */
const distinctPages = aggregator({
  init: (): string[] => [],
  add: (pages, view: PageViewsEvent) => (pages.includes(view.page) ? pages : [...pages, view.page]),
  merge: (a, b) => [...a, ...b.filter((page) => !a.includes(page))],
  result: (pages) => pages.length,
});

export interface PageViewsTopologyOptions {
  /** Prefix of the internal topics (Kafka Streams' `application.id`). */
  readonly applicationId: string;
  readonly inputTopic: string;
  readonly outputTopic: string;
  /** What happens to an input record that is not a valid event; default `fail`. */
  readonly onBadRecord?: BadRecordPolicy;
  /** In a task reading several inputs: a silent one stops holding event time back after this long. */
  readonly idleTimeoutMs?: number;
}

/**
 * Page views per user in 5-minute tumbling event-time windows with 1 minute of allowed lateness:
 * views and distinct pages. A window fires once the event time of its user's input partition (the
 * largest `viewed_at` seen there, minus 1 ms) reaches its end; a view later than the lateness goes
 * to the windows' late records, counted in the metrics, never dropped silently.
 */
export function buildPageViewsTopology(options: PageViewsTopologyOptions): Topology {
  const topology = createTopology(options.applicationId);
  topology
    .stream('read-events', {
      topic: options.inputTopic,
      key: stringSerde,
      value: jsonSerde(pageViewsEventSchema),
      timestamp: (view) => view.viewed_at,
      onDeserializationError: options.onBadRecord ?? 'fail',
      ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
    })
    .groupByKey()
    .windowedBy(tumbling({ sizeMs: PAGE_VIEWS_WINDOW_MS, allowedLatenessMs: PAGE_VIEWS_ALLOWED_LATENESS_MS }))
    .aggregate('views-per-5m', combine({ views: count(), distinct_pages: distinctPages }))
    .toStream()
    .map('to-row', ({ key, window }, figures) => ({
      key,
      value: { user_id: key, window_start: window.startMs, window_end: window.endMs, ...figures },
    }))
    .to('write-rows', { topic: options.outputTopic, key: stringSerde, value: jsonSerde(pageViewsRowSchema) });
  return topology;
}
