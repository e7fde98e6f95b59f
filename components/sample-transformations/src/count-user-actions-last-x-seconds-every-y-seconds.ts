import { stringSerde } from '@fp/serdes';
import type { Stream } from '@fp/topology';
import { count, hopping } from '@fp/windowing';
import { z } from 'zod';
import { SampleTransformationsError } from './errors';
import type { UserAction } from './user-action';

/** A user's action count in one window; `window_start` and `window_end` are epoch ms, `[start, end)`. */
export const windowedUserActionCountSchema = z.object({
  user_id: z.string(),
  window_start: z.number().int(),
  window_end: z.number().int(),
  actions_count: z.number().int(),
});
export type WindowedUserActionCount = z.infer<typeof windowedUserActionCountSchema>;

const MS_PER_SECOND = 1_000;

/**
 * Per user, the number of actions in the last `sizeS` seconds, every `slideS` seconds: hopping
 * event-time windows `[start, start + sizeS)` starting at every multiple of `slideS` since the
 * epoch, no allowed lateness. Each non-empty (user, window) is emitted once, when the watermark
 * passes its end, keyed by `user_id`. Event time and the 1 s out-of-orderness come from the
 * source: read the actions with `userActionSourceOptions`. Actions late for all their windows are
 * counted by the runtime, not emitted.
 *
 * @throws SampleTransformationsError `SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS` unless `0 < slideS <= sizeS` in whole ms
 * @example
 * countUserActionsLastXSecondsEveryYSeconds(actions, 60, 10) // the last minute, every 10 s
 */
export function countUserActionsLastXSecondsEveryYSeconds<K>(
  actions: Stream<K, UserAction>,
  sizeS: number,
  slideS: number,
  options: { readonly stepName?: string } = {},
): Stream<string, WindowedUserActionCount> {
  const sizeMs = sizeS * MS_PER_SECOND;
  const advanceMs = slideS * MS_PER_SECOND;
  if (!Number.isInteger(sizeMs) || !Number.isInteger(advanceMs) || advanceMs <= 0 || advanceMs > sizeMs) {
    throw new SampleTransformationsError(
      'SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS',
      `countUserActionsLastXSecondsEveryYSeconds: need 0 < slideS <= sizeS (whole milliseconds), got sizeS=${String(sizeS)}, slideS=${String(slideS)}`,
    );
  }
  const stepName = options.stepName ?? `count-user-actions-${sizeS}s-every-${slideS}s`.replace(/\./g, '-');
  return actions
    .groupBy(`${stepName}-by-user`, (_key, action) => action.user_id, { key: stringSerde })
    .windowedBy(hopping({ sizeMs, advanceMs, allowedLatenessMs: 0 }))
    .aggregate(stepName, count())
    .toStream()
    .map(`${stepName}-to-row`, (windowed, actionsCount) => ({
      key: windowed.key,
      value: {
        user_id: windowed.key,
        window_start: windowed.window.startMs,
        window_end: windowed.window.endMs,
        actions_count: actionsCount,
      },
    }));
}
