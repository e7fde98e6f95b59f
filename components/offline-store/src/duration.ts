import { OfflineStoreError } from './errors';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+)(ms|s|m|h|d)$/;

/**
 * Milliseconds of a duration written `<integer><unit>`: `500ms`, `30s`, `10m`, `2h`, `7d`.
 *
 * @throws OfflineStoreError `OFFLINE_STORE_INVALID_OPTIONS` for anything else
 */
export function parseDurationMs(text: string): number {
  const match = DURATION.exec(text.trim());
  if (match === null) {
    throw new OfflineStoreError(
      'OFFLINE_STORE_INVALID_OPTIONS',
      `duration must be an integer and a unit (ms, s, m, h, d), e.g. 10m; got ${JSON.stringify(text)}`,
    );
  }
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}
