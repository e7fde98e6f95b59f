/**
 * The buffered timestamps of each record key, sorted, so a join finds the other side's buckets in
 * `[fromMs, toMs]` without a range scan of the store (the store only has point reads). Holds one
 * number per (key, timestamp) bucket, not the records; rebuilt from the store keys at restore.
 */
export interface TimestampIndex {
  add(key: string, timestampMs: number): void;
  remove(key: string, timestampMs: number): void;
  /** The key's timestamps in `[fromMs, toMs]`, ascending. */
  range(key: string, fromMs: number, toMs: number): number[];
  /** How many (key, timestamp) buckets are indexed. */
  size(): number;
}

export function createTimestampIndex(): TimestampIndex {
  const byKey = new Map<string, number[]>();
  let size = 0;

  return {
    add(key, timestampMs) {
      let timestamps = byKey.get(key);
      if (timestamps === undefined) {
        timestamps = [];
        byKey.set(key, timestamps);
      }
      const at = lowerBound(timestamps, timestampMs);
      if (timestamps[at] === timestampMs) return;
      // Input is nearly in order, so this is almost always an append.
      if (at === timestamps.length) timestamps.push(timestampMs);
      else timestamps.splice(at, 0, timestampMs);
      size += 1;
    },
    remove(key, timestampMs) {
      const timestamps = byKey.get(key);
      if (timestamps === undefined) return;
      const at = lowerBound(timestamps, timestampMs);
      if (timestamps[at] !== timestampMs) return;
      timestamps.splice(at, 1);
      size -= 1;
      if (timestamps.length === 0) byKey.delete(key);
    },
    range(key, fromMs, toMs) {
      const timestamps = byKey.get(key);
      if (timestamps === undefined) return [];
      const found: number[] = [];
      for (let at = lowerBound(timestamps, fromMs); at < timestamps.length; at += 1) {
        const timestampMs = timestamps[at] as number;
        if (timestampMs > toMs) break;
        found.push(timestampMs);
      }
      return found;
    },
    size: () => size,
  };
}

/** Index of the first element `>= value` (the length if none). */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
