import { KafkaSinkError } from './errors';
import { estimateRecordBytes, type SinkRecord } from './sink-record';
import { describeSendFailure } from './describe-send-failure';

/** Sends one batch and resolves when the broker acknowledged all of it. */
export type BatchTransport = (records: readonly SinkRecord[]) => Promise<void>;

/** Runs `callback` after `delayMs`; returns a function that cancels it. Injected so tests control time. */
export type Scheduler = (callback: () => void, delayMs: number) => () => void;

export const defaultScheduler: Scheduler = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  return () => clearTimeout(timer);
};

export interface RecordBatcherOptions {
  readonly transport: BatchTransport;
  readonly maxBatchRecords: number;
  /** Estimated bytes of one partition's records in a batch: the broker rejects a larger record batch. */
  readonly maxPartitionBatchBytes: number;
  /** Estimated bytes of a whole batch (one produce request). */
  readonly maxRequestBytes: number;
  readonly lingerMs: number;
  readonly scheduler?: Scheduler;
}

/**
 * Groups records into batches for a transport, Java-producer style: a batch leaves when it is full
 * (records or bytes), when `lingerMs` has passed since the first record waited, or on `flush()`.
 * One batch is in flight at a time, which keeps per-partition order; records added meanwhile form
 * the next batch, so batches grow with load.
 *
 * A batch is one produce request holding a record batch per partition, and the broker bounds each
 * of those (`message.max.bytes`), not the request: so bytes are counted per partition, and a record
 * without an explicit partition counts towards every partition of its topic (it may land on any).
 * A busy producer thus sends everything that waited in one request instead of a partition's worth
 * per round trip.
 *
 * @remarks Once a batch fails the batcher stays failed: `add` and `flush` throw KAFKA_SINK_SEND_FAILED,
 * so no offset is ever committed past a record that was not written.
 */
export interface RecordBatcher {
  add(record: SinkRecord): void;
  /**
   * Resolves when every record added before the call is acknowledged; rejects if any batch failed.
   * Records added while it waits do not hold it up, so a flush ends even under steady sends.
   */
  flush(): Promise<void>;
  /** Drops records not yet handed to the transport (for a transaction abort) and returns how many. */
  discardPending(): number;
  /** Waits for the batch in flight, ignoring its outcome. */
  settle(): Promise<void>;
  readonly pendingCount: number;
}

export function createRecordBatcher(options: RecordBatcherOptions): RecordBatcher {
  const schedule = options.scheduler ?? defaultScheduler;
  let pending: SinkRecord[] = [];
  /** `estimateRecordBytes` of each pending record, computed once when it is added. */
  let pendingSizes: number[] = [];
  let pendingBytes = 0;
  let inFlight: Promise<void> | undefined;
  let cancelLinger: (() => void) | undefined;
  let failure: KafkaSinkError | undefined;
  /** Records added (less those discarded), and those acknowledged: batches leave in add order. */
  let addedCount = 0;
  let acknowledgedCount = 0;
  /** `flush()` calls waiting for `acknowledgedCount` to reach their `upTo`. */
  let flushes: { upTo: number; resolve: () => void; reject: (error: KafkaSinkError) => void }[] = [];

  function settleFlushes(): void {
    if (flushes.length === 0) return;
    const waiting = flushes;
    flushes = [];
    for (const flush of waiting) {
      if (failure !== undefined) flush.reject(failure);
      else if (flush.upTo <= acknowledgedCount) flush.resolve();
      else flushes.push(flush);
    }
  }

  function takeBatch(): SinkRecord[] {
    const topicBytes = new Map<string, TopicBytes>();
    let count = 0;
    let bytes = 0;
    while (count < pending.length && count < options.maxBatchRecords) {
      const size = pendingSizes[count] as number;
      const { topic, partition } = pending[count] as SinkRecord;
      let inTopic = topicBytes.get(topic);
      if (inTopic === undefined) {
        inTopic = { unpartitioned: 0, mostInOnePartition: 0, byPartition: [] };
        topicBytes.set(topic, inTopic);
      }
      // A record without a partition may land on any, so it counts towards every partition.
      const inPartition = partition === undefined ? inTopic.mostInOnePartition : (inTopic.byPartition[partition] ?? 0);
      // A single record larger than the limits still goes alone; the broker decides whether it fits.
      if (
        count > 0 &&
        (inTopic.unpartitioned + inPartition + size > options.maxPartitionBatchBytes ||
          bytes + size > options.maxRequestBytes)
      ) {
        break;
      }
      if (partition === undefined) {
        inTopic.unpartitioned += size;
      } else {
        inTopic.byPartition[partition] = inPartition + size;
        inTopic.mostInOnePartition = Math.max(inTopic.mostInOnePartition, inPartition + size);
      }
      bytes += size;
      count += 1;
    }
    pendingBytes -= bytes;
    if (count === pending.length) {
      // The common case under load: everything waiting leaves, nothing is copied.
      const batch = pending;
      pending = [];
      pendingSizes = [];
      return batch;
    }
    pendingSizes.splice(0, count);
    return pending.splice(0, count);
  }

  async function drain(): Promise<void> {
    try {
      while (pending.length > 0 && failure === undefined) {
        const batch = takeBatch();
        try {
          await options.transport(batch);
          acknowledgedCount += batch.length;
        } catch (error) {
          failure = new KafkaSinkError('KAFKA_SINK_SEND_FAILED', describeSendFailure(batch, error), { cause: error });
        }
        settleFlushes();
      }
    } finally {
      inFlight = undefined;
    }
  }

  function dispatch(): void {
    cancelLinger?.();
    cancelLinger = undefined;
    // A failed batcher sends nothing more: restarting drain() would return at once, and flush()
    // would loop on it in microtasks forever.
    if (inFlight === undefined && pending.length > 0 && failure === undefined) {
      inFlight = drain();
    }
  }

  function isFull(): boolean {
    // Without per-partition counts here: all the waiting bytes may belong to one partition.
    return pending.length >= options.maxBatchRecords || pendingBytes >= options.maxPartitionBatchBytes;
  }

  return {
    add(record) {
      if (failure !== undefined) {
        throw failure;
      }
      const size = estimateRecordBytes(record);
      addedCount += 1;
      pending.push(record);
      pendingSizes.push(size);
      pendingBytes += size;
      // While a batch is in flight, drain() picks these records up when it returns.
      if (inFlight !== undefined) {
        return;
      }
      if (isFull()) {
        dispatch();
      } else if (cancelLinger === undefined) {
        cancelLinger = schedule(dispatch, options.lingerMs);
      }
    },

    async flush() {
      if (failure !== undefined) throw failure;
      if (acknowledgedCount >= addedCount) return;
      const flushed = new Promise<void>((resolve, reject) => {
        flushes.push({ upTo: addedCount, resolve, reject });
      });
      // Sends what waits for the linger timer; with a batch in flight, drain() takes it next.
      dispatch();
      return flushed;
    },

    discardPending() {
      cancelLinger?.();
      cancelLinger = undefined;
      const dropped = pending.length;
      pending = [];
      pendingSizes = [];
      pendingBytes = 0;
      // Never to be acknowledged: as if never added, so a flush waits only for what was sent.
      addedCount -= dropped;
      for (const flush of flushes) flush.upTo = Math.min(flush.upTo, addedCount);
      settleFlushes();
      return dropped;
    },

    async settle() {
      while (inFlight !== undefined) {
        await inFlight;
      }
    },

    get pendingCount() {
      return pending.length;
    },
  };
}

/** Estimated bytes per partition of one topic in the batch being taken. */
interface TopicBytes {
  /** Records without an explicit partition. */
  unpartitioned: number;
  /** The largest entry of `byPartition`. */
  mostInOnePartition: number;
  /** Records with an explicit partition, by partition. */
  byPartition: number[];
}
