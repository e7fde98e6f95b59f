import type { RowEmission } from '@fp/feature-views';

/**
 * Tells a window's first emission from an update of it (a re-emission under allowed lateness) by
 * whether a row for the same entity and window end was archived before.
 *
 * It remembers, per entity, only the window ends that can still be updated: an update of a window
 * ending at `e` is made while the watermark is below `e - 1 + allowedLatenessMs`, and by then no
 * window of that entity ending at or after `e + allowedLatenessMs` can have fired. So ends below the
 * entity's latest end minus the lateness are forgotten (an entity's rows come from one task, in order).
 * The latest end itself is kept even with no lateness, so a duplicate of it (an at-least-once
 * pipeline that replayed after a crash) is recorded as an update.
 */
export class EmissionTracker {
  private readonly endsByEntity = new Map<string, number[]>();

  constructor(private readonly allowedLatenessMs: number) {}

  /** The emission of this row, remembering it for the rows that follow. */
  emissionOf(entityKey: string, windowEndMs: number): RowEmission {
    const ends = this.endsByEntity.get(entityKey);
    if (ends?.includes(windowEndMs)) return 'update';
    this.remember(entityKey, windowEndMs);
    return 'first';
  }

  /** Records a row archived before (read back from the store at start). */
  remember(entityKey: string, windowEndMs: number): void {
    const ends = this.endsByEntity.get(entityKey);
    if (ends === undefined) {
      this.endsByEntity.set(entityKey, [windowEndMs]);
      return;
    }
    if (ends.includes(windowEndMs)) return;
    ends.push(windowEndMs);
    const oldestUpdatable = Math.max(...ends) - this.allowedLatenessMs;
    if (ends[0]! < oldestUpdatable)
      this.endsByEntity.set(
        entityKey,
        ends.filter((end) => end >= oldestUpdatable),
      );
  }

  /** How many (entity, window) pairs are remembered: memory grows with entities times lateness, not with history. */
  get size(): number {
    let count = 0;
    for (const ends of this.endsByEntity.values()) count += ends.length;
    return count;
  }
}
