import type { SinkRecord } from '@fp/kafka-sink';
import { createSilentLogger } from '@fp/log';
import { describe, expect, it } from 'vitest';
import { produce, type ProduceOptions } from './produce';

function fakeSink() {
  const sent: SinkRecord[] = [];
  let flushed = 0;
  return {
    sent,
    flushes: () => flushed,
    send: (record: SinkRecord) => void sent.push(record),
    flush: async () => {
      flushed += 1;
    },
    pendingCount: 0,
  };
}

const feed = (atMs: number): SinkRecord => ({ topic: 't', key: null, value: String(atMs), timestampMs: atMs });

function fakeClock(startMs: number) {
  let nowMs = startMs;
  return { now: () => nowMs, sleep: async (ms: number) => void (nowMs += ms) };
}

function run(overrides: Partial<ProduceOptions> & Pick<ProduceOptions, 'mode'>) {
  const sink = fakeSink();
  const clock = fakeClock(1_000_000);
  return { sink, result: produce({ feed, sink, log: createSilentLogger(), ...clock, ...overrides }) };
}

describe('produce()', () => {
  it('spreads a backfill evenly over [fromMs, toMs): floor(i * span / count) after fromMs', async () => {
    const { sink, result } = run({ mode: { kind: 'backfill', count: 4, fromMs: 1_000, toMs: 2_000 } });
    expect(await result).toMatchObject({ records: 4 });
    expect(sink.sent.map(({ timestampMs }) => timestampMs)).toEqual([1_000, 1_250, 1_500, 1_750]);
    expect(sink.flushes()).toBeGreaterThanOrEqual(1);
  });

  it('paces a live run at ratePerSecond by the clock and stops at count', async () => {
    // 20 records a second: one at t=0, then one per 50 ms tick; 5 records take 200 ms.
    const { sink, result } = run({ mode: { kind: 'live', ratePerSecond: 20, count: 5 } });
    expect(await result).toEqual({ records: 5, durationMs: 200 });
    expect(sink.sent.map(({ timestampMs }) => (timestampMs ?? 0) - 1_000_000)).toEqual([0, 50, 100, 150, 200]);
  });

  it('ends a live run without a count when the signal aborts, flushing what was sent', async () => {
    const stop = new AbortController();
    const clock = fakeClock(0);
    const sink = fakeSink();
    const result = produce({
      feed,
      sink,
      log: createSilentLogger(),
      now: clock.now,
      sleep: async (ms) => {
        await clock.sleep(ms);
        if (clock.now() >= 1_000) stop.abort();
      },
      mode: { kind: 'live', ratePerSecond: 100 },
      signal: stop.signal,
    });
    // 100 a second; the last tick before the abort is at t=950: floor(950 * 100 / 1000) + 1 = 96.
    // The abort arrives during the sleep to t=1000, so the records due then are not sent.
    expect((await result).records).toBe(96);
    expect(sink.flushes()).toBe(1);
  });
});
