import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as windowing from './index';
import * as internal from './internal';
import { createMemoryWindowStateStore } from './testing';

describe('@fp/windowing interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(windowing).sort()).toEqual([
      'WindowingError',
      'aggregator',
      'combine',
      'count',
      'hopping',
      'last',
      'max',
      'mean',
      'min',
      'session',
      'stddevPopulation',
      'stddevSample',
      'sum',
      'tumbling',
      'windowingErrorCodes',
    ]);
  });

  it("exports the runtimes' machinery from the internal entry point only", () => {
    expect(Object.keys(internal).sort()).toEqual([
      'assignWindows',
      'createTimerIndex',
      'createWatermarkCombiner',
      'createWatermarkTracker',
      'createWindowedAggregation',
      'windowStartMs',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new windowing.WindowingError('WINDOWING_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'WindowingError',
      code: 'WINDOWING_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });

  it('computes the card-transaction features of one 10-minute window sliding every minute', () => {
    interface Transaction {
      readonly ccNum: number;
      readonly datetimeMs: number;
      readonly amount: number;
    }
    const minuteMs = 60_000;
    const tracker = internal.createWatermarkTracker({
      strategy: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: minuteMs },
      now: () => 0,
    });
    const features = internal.createWindowedAggregation({
      spec: windowing.hopping({ sizeMs: 10 * minuteMs, advanceMs: minuteMs, allowedLatenessMs: 0 }),
      aggregator: windowing.combine({
        num_trans_per_10m: windowing.count(),
        avg_amt_per_10m: windowing.mean((t: Transaction) => t.amount),
        stdev_amt_per_10m: windowing.stddevSample((t: Transaction) => t.amount),
      }),
      store: createMemoryWindowStateStore(),
    });
    const transactions: Transaction[] = [
      { ccNum: 42, datetimeMs: 30_000, amount: 0.25 },
      { ccNum: 42, datetimeMs: 90_000, amount: 0.75 },
    ];
    for (const t of transactions) {
      tracker.observe(t.datetimeMs);
      expect(features.add(String(t.ccNum), t.datetimeMs, t).status).toBe('accepted');
    }
    // Each transaction is in 10 windows; the windows ending at 1, ..., 10 minutes fire as the watermark passes them.
    features.advanceWatermark(tracker.current());
    const fired = features.advanceWatermark(Number.POSITIVE_INFINITY);
    expect(fired).toHaveLength(11); // windows starting at -9 min ... 1 min: 11 distinct windows
    const both = fired.find((f) => f.window.startMs === 0);
    expect(both?.result).toEqual({
      num_trans_per_10m: 2,
      avg_amt_per_10m: 0.5,
      stdev_amt_per_10m: Math.sqrt(0.125), // ((0.25 - 0.5)^2 + (0.75 - 0.5)^2) / (2 - 1)
    });
    expect(fired.find((f) => f.window.startMs === -9 * minuteMs)?.result.stdev_amt_per_10m).toBe(0); // one transaction
  });
});
