/**
 * Pending event-time timers: members (record keys or store keys) grouped by due time, so firing
 * and clean-up never scan the store. A min-heap of due times over a map of member sets; a time
 * whose set emptied stays in the heap and is skipped when popped.
 */
export interface TimerIndex {
  add(dueMs: number, member: string): void;
  remove(dueMs: number, member: string): void;
  /** Removes and returns every timer due at or before `upToMs`, by ascending due time. */
  popDue(upToMs: number): Array<{ dueMs: number; members: string[] }>;
  /** The earliest due time, `+Infinity` when empty: lets a caller skip `popDue` (and its array). */
  nextDueMs(): number;
  size(): number;
}

export function createTimerIndex(): TimerIndex {
  const membersByDueMs = new Map<number, Set<string>>();
  const heap: number[] = [];
  let size = 0;

  function push(dueMs: number): void {
    heap.push(dueMs);
    let at = heap.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((heap[parent] as number) <= dueMs) break;
      heap[at] = heap[parent] as number;
      at = parent;
    }
    heap[at] = dueMs;
  }

  function pop(): void {
    const lastMs = heap.pop() as number;
    if (heap.length === 0) return;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && (heap[right] as number) < (heap[left] as number) ? right : left;
      if ((heap[child] as number) >= lastMs) break;
      heap[at] = heap[child] as number;
      at = child;
    }
    heap[at] = lastMs;
  }

  return {
    add(dueMs, member) {
      let members = membersByDueMs.get(dueMs);
      if (members === undefined) {
        members = new Set();
        membersByDueMs.set(dueMs, members);
        push(dueMs);
      }
      if (!members.has(member)) {
        members.add(member);
        size += 1;
      }
    },
    remove(dueMs, member) {
      const members = membersByDueMs.get(dueMs);
      if (members?.delete(member)) {
        size -= 1;
        if (members.size === 0) membersByDueMs.delete(dueMs);
      }
    },
    popDue(upToMs) {
      const due: Array<{ dueMs: number; members: string[] }> = [];
      while (heap.length > 0 && (heap[0] as number) <= upToMs) {
        const dueMs = heap[0] as number;
        pop();
        const members = membersByDueMs.get(dueMs);
        if (members === undefined) continue;
        membersByDueMs.delete(dueMs);
        size -= members.size;
        due.push({ dueMs, members: [...members] });
      }
      return due;
    },
    nextDueMs() {
      return heap.length === 0 ? Number.POSITIVE_INFINITY : (heap[0] as number);
    },
    size() {
      return size;
    },
  };
}
