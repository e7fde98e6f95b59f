/** What one task did since it started; the runtime sums them into metrics. */
export interface TaskCounters {
  recordsIn: number;
  recordsOut: number;
  lateRecords: number;
  skippedRecords: number;
  deadLetteredRecords: number;
}

export function createTaskCounters(): TaskCounters {
  return { recordsIn: 0, recordsOut: 0, lateRecords: 0, skippedRecords: 0, deadLetteredRecords: 0 };
}

export function sumCounters(all: readonly TaskCounters[]): TaskCounters {
  const total = createTaskCounters();
  for (const counters of all) {
    total.recordsIn += counters.recordsIn;
    total.recordsOut += counters.recordsOut;
    total.lateRecords += counters.lateRecords;
    total.skippedRecords += counters.skippedRecords;
    total.deadLetteredRecords += counters.deadLetteredRecords;
  }
  return total;
}
