import { defineFeatureView, type FeatureView } from '@fp/feature-views';
import { userStatisticsAvro, userStatisticsSchema, type UserStatistics } from './user-statistics';
import { DEFAULT_USAGE_STATISTICS_TOPICS } from './usage-statistics-topology';

/**
 * The usage statistics as a feature view: the latest `UserStatistics` per `email_address` (JSON).
 * Rows carry no window bounds; the pipeline stamps each with its window's `end - 1`, and with a
 * monotonous watermark (bound 0) a window fires once event time reaches its end: available at the
 * record timestamp + 1 ms. Both modes (windowed, cumulative) emit when a window fires.
 */
export const userStatisticsView: FeatureView<UserStatistics> = defineFeatureView<UserStatistics>({
  name: 'userstatistics',
  topic: DEFAULT_USAGE_STATISTICS_TOPICS.userstatistics,
  entityKey: ['email_address'],
  avroSchema: userStatisticsAvro,
  rowSchema: userStatisticsSchema,
  encoding: 'json',
  availability: {
    kind: 'window',
    windowEndMs: (_row, recordTimestampMs) => recordTimestampMs + 1,
    outOfOrdernessMs: 0,
    allowedLatenessMs: 0,
  },
  description: 'Per user: minutes flown and number of flights (windowed or running total).',
});
