import { FlightsError } from './errors';

/** Reads the ISO-8601 times of flight records as epoch milliseconds. */
export interface TimestampParser {
  /** The IANA zone offset-less times are read in. */
  readonly timeZone: string;
  /**
   * Epoch ms of `text`. Fractions beyond milliseconds are truncated. An offset-less time that
   * falls in a daylight-saving gap is moved forward by the gap, and one that occurs twice takes
   * the earlier instant (Java's `LocalDateTime.atZone`, Temporal's `compatible`).
   *
   * @throws FlightsError `FLIGHTS_INVALID_TIMESTAMP` (domain `data`) for text that is not such a time
   */
  parseMs(text: string): number;
}

export interface TimestampParserOptions {
  /** IANA zone for times without an offset; default `UTC`. */
  readonly timeZone?: string;
}

export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * `YYYY-MM-DDTHH:mm:ss[.fraction][Z|±HH:MM|±HHMM|±HH]`; a space instead of `T` is accepted, as
 * Python's `str(datetime)` writes it. Seconds are required: the airlines always send them.
 */
const ISO_LOCAL_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const MS_PER_MINUTE = 60_000;
const MS_PER_SECOND = 1_000;
/** Wider than any zone's offset change, narrower than the time between two transitions. */
const TRANSITION_SEARCH_MS = 86_400_000;
const MS_PER_HOUR = 3_600_000;
/** Local hours whose offset is remembered; a few years of flights, a few hundred kB at most. */
const MAX_CACHED_HOURS = 50_000;
const MAX_OFFSET_HOURS = 23;
const MAX_MINUTES = 59;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * A parser of flight times. Offset-less times are read in `timeZone` with the platform's `Intl`
 * time-zone data (no external dependency).
 *
 * @throws FlightsError `FLIGHTS_INVALID_OPTIONS` if `timeZone` is not an IANA zone the platform knows
 * @example
 * const berlin = createTimestampParser({ timeZone: 'Europe/Berlin' });
 * berlin.parseMs('2023-10-16T22:25:00.123'); // 2023-10-16T20:25:00.123Z
 */
export function createTimestampParser(options: TimestampParserOptions = {}): TimestampParser {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const offsetOf = zoneOffsetFunction(timeZone);
  const toInstantMs = cachedLocalToInstant(offsetOf);
  return Object.freeze({
    timeZone,
    parseMs(text: string): number {
      const parts = typeof text === 'string' ? ISO_LOCAL_DATE_TIME.exec(text) : null;
      if (!parts) throw invalid(text, 'expected YYYY-MM-DDTHH:mm:ss[.SSS][Z|±HH:MM]');
      const [, year = '', month = '', day = '', hour = '', minute = '', second = '', fraction = '', offset = ''] =
        parts;
      const fields = { year: +year, month: +month, day: +day, hour: +hour, minute: +minute, second: +second };
      const fieldProblem = invalidField(fields);
      if (fieldProblem) throw invalid(text, fieldProblem);
      const millis = fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
      const localMs = wallClockMs(fields, millis);
      if (offset) {
        const offsetMs = parseOffsetMs(offset);
        if (offsetMs === undefined) throw invalid(text, `offset ${offset} is out of range`);
        return localMs - offsetMs;
      }
      return toInstantMs(localMs);
    },
  });
}

interface DateTimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function invalidField({ year, month, day, hour, minute, second }: DateTimeFields): string | undefined {
  if (month < 1 || month > 12) return `month ${month} is not 1..12`;
  const daysInMonth = month === 2 ? (isLeapYear(year) ? 29 : 28) : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day < 1 || day > daysInMonth) return `day ${day} is not 1..${daysInMonth}`;
  if (hour > 23) return `hour ${hour} is not 0..23`;
  if (minute > MAX_MINUTES) return `minute ${minute} is not 0..59`;
  if (second > MAX_MINUTES) return `second ${second} is not 0..59`;
  return undefined;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The fields read as if in UTC; unlike `Date.UTC`, years 0..99 are not moved to the 1900s. */
function wallClockMs(fields: DateTimeFields, millis: number): number {
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  return date.setUTCHours(fields.hour, fields.minute, fields.second, millis);
}

/** `Z`, `±HH`, `±HHMM` or `±HH:MM` as ms east of UTC; undefined when out of range. */
function parseOffsetMs(offset: string): number | undefined {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > MAX_OFFSET_HOURS || minutes > MAX_MINUTES) return undefined;
  return sign * (hours * 60 + minutes) * MS_PER_MINUTE;
}

/** Offset (ms east of UTC) of a zone at an instant. */
type OffsetFunction = (instantMs: number) => number;

function zoneOffsetFunction(timeZone: string): OffsetFunction {
  if (timeZone === 'UTC') return () => 0;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (error) {
    throw new FlightsError(
      'FLIGHTS_INVALID_OPTIONS',
      `timeZone ${JSON.stringify(timeZone)} is not an IANA time zone this platform knows; use e.g. "UTC" or "Europe/Berlin"`,
      { cause: error },
    );
  }
  return (instantMs) => {
    const wholeSecondMs = instantMs - mod(instantMs, MS_PER_SECOND);
    const field: Record<string, string> = {};
    for (const part of format.formatToParts(wholeSecondMs)) field[part.type] = part.value;
    const wall = {
      year: field['era'] === 'BC' ? 1 - Number(field['year']) : Number(field['year']),
      month: Number(field['month']),
      day: Number(field['day']),
      hour: Number(field['hour']),
      minute: Number(field['minute']),
      second: Number(field['second']),
    };
    return wallClockMs(wall, 0) - wholeSecondMs;
  };
}

/**
 * The instant a wall-clock time denotes in a zone. Candidates come from the offsets a day before
 * and after; one that maps back to itself is valid. Two valid: the overlap after a fall-back, take
 * the earlier. None: the gap of a spring-forward, read with the offset before it (moves forward).
 */
function localToInstantMs(localMs: number, offsetOf: OffsetFunction): number {
  const before = offsetOf(localMs - TRANSITION_SEARCH_MS);
  const after = offsetOf(localMs + TRANSITION_SEARCH_MS);
  const valid = [...new Set([before, after])]
    .map((offsetMs) => localMs - offsetMs)
    .filter((instantMs) => instantMs + offsetOf(instantMs) === localMs);
  return valid.length > 0 ? Math.min(...valid) : localMs - before;
}

/**
 * `localToInstantMs` with the offset of each local hour remembered when no transition lies within a
 * day of it, so the hot path asks `Intl` (tens of microseconds a call) once per hour of data.
 */
function cachedLocalToInstant(offsetOf: OffsetFunction): (localMs: number) => number {
  const offsetByHour = new Map<number, number | null>();
  return (localMs) => {
    const hour = Math.floor(localMs / MS_PER_HOUR);
    let offsetMs = offsetByHour.get(hour);
    if (offsetMs === undefined) {
      const before = offsetOf(hour * MS_PER_HOUR - TRANSITION_SEARCH_MS);
      const after = offsetOf((hour + 1) * MS_PER_HOUR + TRANSITION_SEARCH_MS);
      offsetMs = before === after ? before : null;
      if (offsetByHour.size >= MAX_CACHED_HOURS) offsetByHour.clear();
      offsetByHour.set(hour, offsetMs);
    }
    return offsetMs === null ? localToInstantMs(localMs, offsetOf) : localMs - offsetMs;
  };
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

function invalid(text: unknown, why: string): FlightsError {
  const shown =
    typeof text === 'string' ? JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}...` : text) : typeof text;
  return new FlightsError('FLIGHTS_INVALID_TIMESTAMP', `${shown} is not an ISO-8601 date-time: ${why}`);
}
