import { FlightDatagenError } from './errors';

/** A seeded pseudo-random source: the same seed gives the same draws on every platform. */
export interface Prng {
  /** Uniform in [0, 1). */
  nextFloat(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `length` uniform uppercase ASCII letters. */
  letters(length: number): string;
}

const UINT32_RANGE = 2 ** 32;
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast, and good enough for test data; not
 * for anything secret. The seed is any integer; it is taken modulo 2^32.
 *
 * @throws FlightDatagenError `FLIGHT_DATAGEN_INVALID_OPTIONS` for a seed that is not an integer
 */
export function createPrng(seed: number): Prng {
  if (!Number.isSafeInteger(seed)) {
    throw new FlightDatagenError(
      'FLIGHT_DATAGEN_INVALID_OPTIONS',
      `seed must be an integer (e.g. 42) so a run can be reproduced, got ${String(seed)}`,
    );
  }
  let state = ((seed % UINT32_RANGE) + UINT32_RANGE) % UINT32_RANGE;
  const nextFloat = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / UINT32_RANGE;
  };
  const int = (min: number, max: number): number => min + Math.floor(nextFloat() * (max - min + 1));
  return {
    nextFloat,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    letters: (length) => Array.from({ length }, () => UPPERCASE.charAt(int(0, UPPERCASE.length - 1))).join(''),
  };
}

/** A seed for an independent stream `streamId` of `seed`, so one stream's draws do not shift another's. */
export function deriveSeed(seed: number, streamId: number): number {
  // One round of a 32-bit integer hash (Chris Wellons' lowbias32) over seed and stream.
  let x = (seed ^ Math.imul(streamId, 0x9e3779b9)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}
