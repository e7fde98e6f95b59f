import { describe, expect, it } from 'vitest';
import { availableAtMs, windowEndOf } from './availability';
import { defineFeatureView } from './feature-view';
import { testRow, testViewSpec, type TestRow } from './test-fixtures';

const windowed = defineFeatureView<TestRow>({
  ...testViewSpec,
  availability: {
    kind: 'window',
    // Rows without their window bounds fall back on the record timestamp (`end - 1`).
    windowEndMs: (row, timestampMs) => row.window_end ?? timestampMs + 1,
    outOfOrdernessMs: 60_000,
    allowedLatenessMs: 30_000,
  },
});

describe('availableAtMs', () => {
  it('is the window end plus the out-of-orderness bound, never the window start', () => {
    expect(availableAtMs(windowed, testRow({ window_end: 600_000 }), 599_999)).toBe(660_000);
  });

  it('takes the window end from the record timestamp when the row does not carry it', () => {
    expect(availableAtMs(windowed, testRow({ window_end: null }), 599_999)).toBe(660_000);
    expect(windowEndOf(windowed, testRow({ window_end: null }), 599_999)).toBe(600_000);
  });

  it('delays an update of an emitted window by the allowed lateness (the latest it can have been made)', () => {
    expect(availableAtMs(windowed, testRow({ window_end: 600_000 }), 599_999, 'update')).toBe(690_000);
  });

  it('is the record timestamp for a view that is not windowed', () => {
    const stamped = defineFeatureView<TestRow>(testViewSpec);
    expect(availableAtMs(stamped, testRow(), 1234)).toBe(1234);
    expect(windowEndOf(stamped, testRow(), 1234)).toBeUndefined();
  });
});
