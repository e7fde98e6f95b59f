import { describe, expect, it } from 'vitest';
import { createRecordBatcher, type Scheduler } from './record-batcher';
import type { SinkRecord } from './sink-record';

/** A scheduler whose timers fire only when the test says so. */
function manualScheduler(): { scheduler: Scheduler; fire: () => void; pending: () => number } {
  let timers: { callback: () => void; isCancelled: boolean }[] = [];
  return {
    scheduler: (callback) => {
      const timer = { callback, isCancelled: false };
      timers.push(timer);
      return () => {
        timer.isCancelled = true;
      };
    },
    fire: () => {
      const due = timers.filter(({ isCancelled }) => !isCancelled);
      timers = [];
      for (const { callback } of due) callback();
    },
    pending: () => timers.filter(({ isCancelled }) => !isCancelled).length,
  };
}

/** A transport that records batches and completes each one when the test resolves it. */
function controlledTransport() {
  const batches: SinkRecord[][] = [];
  const completions: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return {
    batches,
    transport: (records: readonly SinkRecord[]) =>
      new Promise<void>((resolve, reject) => {
        batches.push([...records]);
        completions.push({ resolve, reject });
      }),
    ack: (index: number) => completions[index]?.resolve(),
    fail: (index: number, error: Error) => completions[index]?.reject(error),
  };
}

const record = (n: number): SinkRecord => ({ topic: 't', key: `k${n}`, value: `v${n}` });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A batcher over the test's transport: 10 records or 1 MB per batch, 5 ms linger, timers the test fires. */
function batcherOver(
  wire: ReturnType<typeof controlledTransport>,
  options: {
    maxBatchRecords?: number;
    maxPartitionBatchBytes?: number;
    maxRequestBytes?: number;
    scheduler?: Scheduler;
  } = {},
) {
  return createRecordBatcher({
    transport: wire.transport,
    maxBatchRecords: options.maxBatchRecords ?? 10,
    maxPartitionBatchBytes: options.maxPartitionBatchBytes ?? 1e6,
    maxRequestBytes: options.maxRequestBytes ?? 1e7,
    lingerMs: 5,
    scheduler: options.scheduler ?? manualScheduler().scheduler,
  });
}

describe('createRecordBatcher()', () => {
  it('holds records until lingerMs passes, then sends them as one batch', async () => {
    const time = manualScheduler();
    const wire = controlledTransport();
    const batcher = batcherOver(wire, { maxBatchRecords: 100, scheduler: time.scheduler });
    batcher.add(record(1));
    batcher.add(record(2));
    expect(wire.batches).toHaveLength(0);
    expect(time.pending()).toBe(1);
    time.fire();
    expect(wire.batches.map((batch) => batch.map(({ key }) => key))).toEqual([['k1', 'k2']]);
  });

  it('sends a full batch at once without waiting for the linger timer', () => {
    const time = manualScheduler();
    const wire = controlledTransport();
    const batcher = batcherOver(wire, { maxBatchRecords: 3, scheduler: time.scheduler });
    for (let n = 0; n < 3; n++) batcher.add(record(n));
    expect(wire.batches).toHaveLength(1);
    expect(wire.batches[0]).toHaveLength(3);
    expect(time.pending()).toBe(0);
  });

  it('keeps one batch in flight and sends records added meanwhile as the next batch, capped by size', async () => {
    const time = manualScheduler();
    const wire = controlledTransport();
    const batcher = batcherOver(wire, { maxBatchRecords: 2, scheduler: time.scheduler });
    batcher.add(record(1));
    batcher.add(record(2)); // full: batch 0 leaves
    for (let n = 3; n <= 7; n++) batcher.add(record(n)); // queued behind the batch in flight
    expect(wire.batches).toHaveLength(1);
    wire.ack(0);
    await settle();
    expect(wire.batches.map((batch) => batch.map(({ key }) => key))).toEqual([
      ['k1', 'k2'],
      ['k3', 'k4'],
    ]);
    wire.ack(1);
    await settle();
    wire.ack(2);
    await settle();
    expect(wire.batches.map((batch) => batch.length)).toEqual([2, 2, 2, 1]);
  });

  it("splits batches by a partition's estimated bytes", () => {
    const wire = controlledTransport();
    const big = (n: number): SinkRecord => ({ topic: 't', key: null, value: Buffer.alloc(400, n) });
    const batcher = batcherOver(wire, { maxBatchRecords: 100, maxPartitionBatchBytes: 1000 });
    for (let n = 0; n < 3; n++) batcher.add(big(n)); // 3 x ~420 B >= 1000 B: dispatch
    // Only two records fit under 1000 bytes; the third waits for the next batch.
    expect(wire.batches.map((batch) => batch.length)).toEqual([2]);
    expect(batcher.pendingCount).toBe(1);
  });

  it('fills a batch with several partitions up to their own limits, in order, and stops at the first that is full', async () => {
    const wire = controlledTransport();
    const at = (partition: number | undefined, topic = 't'): SinkRecord => ({
      topic,
      key: null,
      value: Buffer.alloc(300),
      ...(partition === undefined ? {} : { partition }),
    });
    const batcher = batcherOver(wire, { maxBatchRecords: 100, maxPartitionBatchBytes: 1000 });
    batcher.add(at(0));
    void batcher.flush(); // in flight: the rest waits behind it
    // ~320 B each: three fit under 1000 B per partition. Partition 1 gets two, then one without a
    // partition (it may land on 1 too), then topic u's own two; the next for partition 1 would be a
    // fourth on it.
    for (const record of [at(1), at(2), at(1), at(undefined), at(0, 'u'), at(0, 'u'), at(1), at(3)]) {
      batcher.add(record);
    }
    wire.ack(0);
    await settle();
    const shape = (batch: SinkRecord[]) => batch.map(({ topic, partition }) => `${topic}${partition ?? '*'}`);
    expect(wire.batches.map(shape)).toEqual([['t0'], ['t1', 't2', 't1', 't*', 'u0', 'u0']]);
    wire.ack(1);
    await settle();
    // Order wins: partition 3 had room, but came after the record that did not fit.
    expect(shape(wire.batches[2] as SinkRecord[])).toEqual(['t1', 't3']);
  });

  it('counts a record without a partition towards the fullest partition of its topic', async () => {
    const wire = controlledTransport();
    const batcher = batcherOver(wire, { maxBatchRecords: 100, maxPartitionBatchBytes: 1000 });
    const record = (partition?: number): SinkRecord => ({
      topic: 't',
      key: 'k',
      value: Buffer.alloc(300),
      ...(partition === undefined ? {} : { partition }),
    });
    batcher.add(record(0));
    void batcher.flush();
    for (const next of [record(5), record(5), record(5), record(), record(4)]) batcher.add(next);
    wire.ack(0);
    await settle();
    // Partition 5 holds ~960 B: a keyed record could join it there, so it waits.
    expect(wire.batches.map((batch) => batch.map(({ partition }) => partition ?? '*'))).toEqual([[0], [5, 5, 5]]);
  });

  it('splits batches by the estimated bytes of the whole request', async () => {
    const wire = controlledTransport();
    const batcher = batcherOver(wire, { maxBatchRecords: 100, maxPartitionBatchBytes: 1000, maxRequestBytes: 1300 });
    const at = (partition: number): SinkRecord => ({ topic: 't', key: null, value: Buffer.alloc(400), partition });
    batcher.add(at(0));
    void batcher.flush(); // in flight: the next five wait, each for its own partition
    for (let partition = 1; partition <= 5; partition++) batcher.add(at(partition));
    wire.ack(0);
    await settle();
    // Three ~420 B records fit under 1300 B, a fourth does not, whatever its partition.
    expect(wire.batches.map((batch) => batch.map(({ partition }) => partition))).toEqual([[0], [1, 2, 3]]);
    expect(batcher.pendingCount).toBe(2);
  });

  it('flush() waits only for the records added before it, however many come after', async () => {
    const wire = controlledTransport();
    const batcher = batcherOver(wire, { maxBatchRecords: 2 });
    batcher.add(record(1));
    batcher.add(record(2)); // full: batch 0 in flight
    batcher.add(record(3));
    let isFlushed = false;
    const flushed = batcher.flush().then(() => {
      isFlushed = true;
    });
    for (let n = 4; n <= 9; n++) batcher.add(record(n)); // sent after the flush was asked for
    wire.ack(0);
    await settle();
    expect(isFlushed).toBe(false); // record 3 is in batch 1, with record 4
    wire.ack(1);
    await flushed;
    expect(wire.batches.map((batch) => batch.map(({ key }) => key))).toEqual([
      ['k1', 'k2'],
      ['k3', 'k4'],
      ['k5', 'k6'],
    ]);
    expect(batcher.pendingCount).toBe(3); // k7..k9 still wait: the flush did not wait for them
  });

  it('flush() ends when the records it waits for are discarded, once the batch in flight is acknowledged', async () => {
    const wire = controlledTransport();
    const batcher = batcherOver(wire, { maxBatchRecords: 2 });
    batcher.add(record(1));
    batcher.add(record(2)); // batch 0 in flight
    batcher.add(record(3));
    let isFlushed = false;
    const flushed = batcher.flush().then(() => {
      isFlushed = true;
    });
    expect(batcher.discardPending()).toBe(1);
    await settle();
    expect(isFlushed).toBe(false); // batch 0 is still unacknowledged
    wire.ack(0);
    await flushed;
    expect(wire.batches).toHaveLength(1);
  });

  it('flush() sends what is waiting and resolves only after every batch is acknowledged', async () => {
    const wire = controlledTransport();
    const batcher = batcherOver(wire, { maxBatchRecords: 2 });
    for (let n = 0; n < 3; n++) batcher.add(record(n));
    let isFlushed = false;
    const flushed = batcher.flush().then(() => {
      isFlushed = true;
    });
    await settle();
    expect(isFlushed).toBe(false);
    wire.ack(0);
    await settle();
    expect(isFlushed).toBe(false); // the third record is in flight now
    expect(wire.batches).toHaveLength(2);
    wire.ack(1);
    await flushed;
    expect(isFlushed).toBe(true);
    expect(batcher.pendingCount).toBe(0);
  });

  it('flush() rejects with KAFKA_SINK_SEND_FAILED when a batch fails, and the batcher stays failed', async () => {
    const wire = controlledTransport();
    const batcher = batcherOver(wire);
    batcher.add(record(1));
    const flushed = batcher.flush();
    wire.fail(0, new Error('NOT_ENOUGH_REPLICAS'));
    await expect(flushed).rejects.toMatchObject({
      code: 'KAFKA_SINK_SEND_FAILED',
      message: expect.stringContaining('NOT_ENOUGH_REPLICAS'),
    });
    expect(() => batcher.add(record(2))).toThrow(expect.objectContaining({ code: 'KAFKA_SINK_SEND_FAILED' }));
    await expect(batcher.flush()).rejects.toMatchObject({ code: 'KAFKA_SINK_SEND_FAILED' });
  });

  it('flush() rejects, not spins, when a batch fails while more records wait behind it', async () => {
    // Before the fix, flush() restarted a drain that returned at once because of the failure, and
    // looped on it in microtasks forever: 100% CPU, no I/O, and no error.
    const wire = controlledTransport();
    const batcher = batcherOver(wire);
    batcher.add(record(1));
    const flushed = batcher.flush();
    batcher.add(record(2)); // waits behind the batch in flight
    wire.fail(0, new Error('MESSAGE_TOO_LARGE'));
    await expect(flushed).rejects.toMatchObject({
      code: 'KAFKA_SINK_SEND_FAILED',
      message: expect.stringContaining('MESSAGE_TOO_LARGE'),
    });
    expect(wire.batches).toHaveLength(1); // nothing is sent after a failure
    await expect(batcher.flush()).rejects.toMatchObject({ code: 'KAFKA_SINK_SEND_FAILED' });
  });

  it('flush() with nothing queued resolves at once', async () => {
    const wire = controlledTransport();
    const batcher = batcherOver(wire);
    await expect(batcher.flush()).resolves.toBeUndefined();
    expect(wire.batches).toHaveLength(0);
  });

  it('discardPending() drops queued records and cancels the linger timer', () => {
    const time = manualScheduler();
    const wire = controlledTransport();
    const batcher = batcherOver(wire, { scheduler: time.scheduler });
    batcher.add(record(1));
    batcher.add(record(2));
    expect(batcher.discardPending()).toBe(2);
    time.fire();
    expect(wire.batches).toHaveLength(0);
  });
});
