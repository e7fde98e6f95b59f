import { describe, expect, it } from 'vitest';
import { EmissionTracker } from './emission-tracker';

describe('EmissionTracker', () => {
  it('calls the first row of an entity and window its first emission and later ones updates', () => {
    const tracker = new EmissionTracker(120_000);
    expect(tracker.emissionOf('a', 600_000)).toBe('first');
    expect(tracker.emissionOf('b', 600_000)).toBe('first');
    expect(tracker.emissionOf('a', 660_000)).toBe('first');
    expect(tracker.emissionOf('a', 600_000)).toBe('update');
  });

  it('forgets windows that can no longer be updated, so memory does not grow with history', () => {
    const tracker = new EmissionTracker(60_000);
    for (let minute = 10; minute < 1_000; minute++) tracker.emissionOf('a', minute * 60_000);
    expect(tracker.size).toBe(2);
    expect(tracker.emissionOf('a', 998 * 60_000)).toBe('update');
  });

  it('records a duplicate of the latest window as an update even without allowed lateness', () => {
    const tracker = new EmissionTracker(0);
    tracker.remember('a', 600_000);
    expect(tracker.emissionOf('a', 600_000)).toBe('update');
    expect(tracker.emissionOf('a', 660_000)).toBe('first');
  });
});
