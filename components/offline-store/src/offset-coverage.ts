/**
 * Which offsets of each (topic, partition) the store's complete append groups already hold: a row
 * is written at most once because a row whose offset a complete group covers is skipped.
 */
export class OffsetCoverage {
  private readonly rangesByKey = new Map<string, { ranges: { first: bigint; last: bigint }[]; maxLast: bigint }>();

  add(topic: string, partition: number, first: bigint, last: bigint): void {
    const key = coverageKey(topic, partition);
    const entry = this.rangesByKey.get(key);
    if (entry === undefined) this.rangesByKey.set(key, { ranges: [{ first, last }], maxLast: last });
    else {
      entry.ranges.push({ first, last });
      if (last > entry.maxLast) entry.maxLast = last;
    }
  }

  /** Cheap for the common case, an offset past every file: one comparison. */
  covers(topic: string, partition: number, offset: bigint): boolean {
    const entry = this.rangesByKey.get(coverageKey(topic, partition));
    if (entry === undefined || offset > entry.maxLast) return false;
    return entry.ranges.some((range) => range.first <= offset && offset <= range.last);
  }
}

function coverageKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}
