import { ACCEPTED, type Engine, type EngineContext } from './engine';
import { WindowingError } from './errors';
import { createTimerIndex } from './timer-index';
import { decodeSessionsStateKey, sessionsStateKey } from './window-state-store';
import type { Fired } from './results';

/** One open session of one key, as stored (a list of these per key, by ascending start). */
export interface StoredSession<Acc> {
  readonly startMs: number;
  readonly endMs: number;
  readonly acc: Acc;
  /** Holds content that an earlier, smaller session already emitted; its next firing is an update. */
  readonly hasFiredContent: boolean;
}

/**
 * Session windows (Flink `EventTimeSessionWindows` + `MergingWindowSet`): a record opens
 * `[ts, ts + gapMs)`, which merges with every session of its key that overlaps or touches it
 * (`a.startMs <= b.endMs && a.endMs >= b.startMs`). Lateness is judged on the merged session, so a
 * record that joins an open session is accepted. Timers: fire at `endMs - 1` and expiry at
 * `endMs - 1 + allowedLatenessMs`, both with the record key as member (a key's sessions are
 * disjoint, so a due time names one session).
 */
export function createSessionAggregation<In, Acc, Out>(
  context: EngineContext<In, Acc, Out>,
  gapMs: number,
): Engine<In, Out> {
  const { aggregator, store, allowedLatenessMs } = context;
  const fireTimers = createTimerIndex();
  const expiryTimers = createTimerIndex();
  const expiresAtMs = (session: { endMs: number }): number => session.endMs - 1 + allowedLatenessMs;

  function sessionsOf(key: string): StoredSession<Acc>[] {
    const stored = store.get(sessionsStateKey(key));
    if (stored === undefined) return [];
    if (!Array.isArray(stored)) {
      throw new WindowingError('WINDOWING_STATE_CORRUPT', `sessions of key ${JSON.stringify(key)} are not a list`);
    }
    return stored as StoredSession<Acc>[];
  }

  function registerTimers(key: string, session: StoredSession<Acc>): void {
    expiryTimers.add(expiresAtMs(session), key);
    if (session.endMs - 1 > context.watermarkMs()) fireTimers.add(session.endMs - 1, key);
  }

  return {
    add(key, timestampMs, value) {
      const watermarkMs = context.watermarkMs();
      const sessions = sessionsOf(key);
      let startMs = timestampMs;
      let endMs = timestampMs + gapMs;
      const merging: StoredSession<Acc>[] = [];
      const untouched: StoredSession<Acc>[] = [];
      for (const session of sessions) {
        if (session.startMs <= timestampMs + gapMs && session.endMs >= timestampMs) {
          merging.push(session);
          startMs = Math.min(startMs, session.startMs);
          endMs = Math.max(endMs, session.endMs);
        } else {
          untouched.push(session);
        }
      }
      // Stored sessions are all before their expiry, so only a record that merges with none can be late.
      if (endMs - 1 + allowedLatenessMs <= watermarkMs) return context.late(key, timestampMs, value);

      let acc = aggregator.init();
      let hasFiredContent = false;
      for (const session of merging) {
        acc = aggregator.merge(acc, session.acc);
        hasFiredContent ||= session.hasFiredContent || session.endMs - 1 <= watermarkMs;
        fireTimers.remove(session.endMs - 1, key);
        expiryTimers.remove(expiresAtMs(session), key);
      }
      acc = aggregator.add(acc, value);
      const merged: StoredSession<Acc> = { startMs, endMs, acc, hasFiredContent };
      const next = [...untouched, merged].sort((a, b) => a.startMs - b.startMs);
      store.put(sessionsStateKey(key), next);
      registerTimers(key, merged);

      if (endMs - 1 > watermarkMs) return ACCEPTED;
      // Past its end but within lateness: fires now, with this record (Flink's EventTimeTrigger.onElement).
      const window = { startMs, endMs };
      return {
        status: 'accepted',
        fired: [{ key, window, result: aggregator.result(acc), isUpdate: hasFiredContent }],
      };
    },

    fireAndExpire() {
      const watermarkMs = context.watermarkMs();
      const fired: Fired<Out>[] = [];
      for (const { dueMs, members } of fireTimers.popDue(watermarkMs)) {
        for (const key of members) {
          const session = sessionsOf(key).find((candidate) => candidate.endMs - 1 === dueMs);
          if (session === undefined) continue;
          const window = { startMs: session.startMs, endMs: session.endMs };
          fired.push({ key, window, result: aggregator.result(session.acc), isUpdate: session.hasFiredContent });
        }
      }
      for (const { members } of expiryTimers.popDue(watermarkMs)) {
        for (const key of members) {
          const sessions = sessionsOf(key);
          const open = sessions.filter((session) => expiresAtMs(session) > watermarkMs);
          if (open.length === sessions.length) continue;
          if (open.length === 0) store.delete(sessionsStateKey(key));
          else store.put(sessionsStateKey(key), open);
        }
      }
      return fired;
    },

    restoreKey(storeKey) {
      const key = decodeSessionsStateKey(storeKey);
      if (key === undefined) return;
      const sessions = sessionsOf(key);
      const open = sessions.filter((session) => expiresAtMs(session) > context.watermarkMs());
      if (open.length === 0) store.delete(storeKey);
      else if (open.length !== sessions.length) store.put(storeKey, open);
      for (const session of open) registerTimers(key, session);
    },

    pendingWindowCount: () => fireTimers.size(),
  };
}
