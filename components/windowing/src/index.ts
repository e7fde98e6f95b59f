/**
 * @fp/windowing: event time for keyed streams, with Flink's semantics (the seed jobs are Flink jobs).
 *
 * - Specs (`tumbling`, `hopping`, `session`) are validated, frozen data; windows are half-open
 *   `[startMs, endMs)` aligned to the epoch (plus `offsetMs`); `allowedLatenessMs` is required.
 * - Watermarks: `createWatermarkTracker` per input partition (`maxSeen - maxOutOfOrdernessMs - 1`),
 *   `createWatermarkCombiner` per task (min over non-idle inputs, `+Infinity` when all ended).
 *   Watermarks never go back.
 * - `createWindowedAggregation` runs an `Aggregator` per (key, window) over a synchronous
 *   `WindowStateStore`: a (key, window) fires once when the watermark reaches `endMs - 1`, again
 *   for each late-but-allowed record, and its state goes when the watermark passes
 *   `endMs - 1 + allowedLatenessMs`. A record too late for all its windows is returned as `late`
 *   (and given to `onLate`), never dropped silently. Empty windows emit nothing.
 * - Order between keys, or between windows with the same end, is unspecified.
 *
 * This entry point is what pipelines use (specs and aggregators); the engine, watermarks and
 * timers the runtimes build steps from are in `@fp/windowing/internal`.
 */
export { aggregator, combine, count, last, max, min, sum } from './aggregators';
export { WindowingError, windowingErrorCodes } from './errors';
export { mean, stddevPopulation, stddevSample } from './moments';
export { hopping, session, tumbling } from './window-spec';

export type { CombinedAccumulator, CombinedInput, CombinedResult, LastAccumulator } from './aggregators';
export type { WindowingErrorCode } from './errors';
export type { MomentsAccumulator } from './moments';
export type { Aggregator, HoppingSpec, SessionSpec, TumblingSpec, Window, WindowSpec } from './types';
