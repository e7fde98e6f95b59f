/**
 * @fp/windowing/internal: the machinery the runtimes (`@fp/stream-runtime`, `@fp/joins`) build
 * steps from: watermarks per input and per task, window assignment, timers, and the windowed
 * aggregation engine over a `WindowStateStore`. Pipelines never need it: they declare windows and
 * aggregators with the main entry point and the topology DSL.
 */
export { assignWindows, windowStartMs } from './assign-windows';
export { createTimerIndex } from './timer-index';
export { createWatermarkCombiner } from './watermark-combiner';
export { createWatermarkTracker } from './watermark-tracker';
export { createWindowedAggregation } from './windowed-aggregation';

export type { AddResult, Fired, LateRecord } from './results';
export type { TimerIndex } from './timer-index';
export type { WatermarkCombiner, WatermarkCombinerOptions } from './watermark-combiner';
export type { WatermarkStrategy, WatermarkTracker, WatermarkTrackerOptions } from './watermark-tracker';
export type { WindowStateStore } from './window-state-store';
export type { WindowedAggregation, WindowedAggregationOptions } from './windowed-aggregation';
