import { KeyedStateError } from './errors';

/** Enough digits for any safe integer (9_007_199_254_740_991 has 16), so keys sort by time. */
export const TIME_KEY_DIGITS = 16;

/**
 * A key that sorts by time: `prefix`, the timestamp zero-padded to 16 decimal digits, then `suffix`.
 * Use it for state that expires by time (windows: `timeKey('w:', windowEndMs, ':' + key)`), then
 * read it with `scanTimeRange(prefix, fromMs, toMs)` and drop it with `expireBefore(prefix, ms)`.
 *
 * @throws KeyedStateError `KEYED_STATE_INVALID_ARGUMENT` unless `timestampMs` is a safe integer >= 0
 * @example
 * timeKey('w:', 1_700_000_000_000, ':card-42') // 'w:0001700000000000:card-42'
 */
export function timeKey(prefix: string, timestampMs: number, suffix = ''): string {
  return `${prefix}${paddedTimeMs(timestampMs)}${suffix}`;
}

/** The timestamp embedded by `timeKey(prefix, ...)` in `key`, or `undefined` if it has none. */
export function parseTimeKeyMs(prefix: string, key: string): number | undefined {
  if (!key.startsWith(prefix)) {
    return undefined;
  }
  const digits = key.slice(prefix.length, prefix.length + TIME_KEY_DIGITS);
  return /^\d{16}$/.test(digits) ? Number(digits) : undefined;
}

export function paddedTimeMs(timestampMs: number): string {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) {
    throw new KeyedStateError(
      'KEYED_STATE_INVALID_ARGUMENT',
      `timestampMs must be a safe integer >= 0 to sort in a time key, got ${timestampMs}`,
    );
  }
  return String(timestampMs).padStart(TIME_KEY_DIGITS, '0');
}
