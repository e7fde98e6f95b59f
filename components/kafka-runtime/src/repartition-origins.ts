import {
  FINGERPRINTED_ORIGIN_FORMAT,
  NAMED_ORIGIN_FORMAT,
  namedOriginPrefix,
  VarintReader,
  varintSize,
  writeVarint,
} from './origin-header';

/**
 * Header on repartition records: the input record that caused it, binary (see origin-header.ts),
 * or as text, `topic#partition@offset.index` (offsets of more than 15 digits, and records of older versions).
 */
export const ORIGIN_HEADER = 'fp-origin';
/** Store metadata key of the highest origin seen per upstream input partition. */
export const ORIGINS_METADATA_KEY = 'origins';

/**
 * The last origin seen from one upstream input; updated in place, once per record. Offsets are
 * decimals of up to 19 digits: held as a number while exact (up to 15 digits, no BigInt and no
 * string per record), else as text, compared by length, then text.
 */
interface Position {
  /** The offset while it has at most `MAX_EXACT_DIGITS` digits, else `NaN`. */
  offsetNumber: number;
  /** The offset's decimal when `offsetNumber` is `NaN`, else `''`. */
  offsetText: string;
  /** -1 for an input nothing was seen from yet. */
  index: number;
}

/** Every decimal of up to 15 digits is below 2^53, so exact as a number. */
const MAX_EXACT_DIGITS = 15;
const DIGIT_ZERO = 48;
const AT_SIGN = 64;
const DOT = 46;

export interface RepartitionOriginsOptions {
  /** The positions committed with the task's state (`encode()`), `undefined` for none. */
  readonly committed: string | undefined;
  /** Told once per repartition topic when origins there cannot be resolved (such records are processed). */
  readonly onUnresolved?: (message: string) => void;
}

/**
 * At-least-once without double counting across repartition topics. A task that crashes after its
 * repartition records were written, but before its input offsets were committed, writes them again
 * when it re-reads those inputs; a downstream task with state would count them twice. Each
 * repartition record therefore names its origin (the upstream input record and the how-many-th
 * record it caused), and a stateful downstream task drops records whose origin it already
 * passed. The positions seen are checkpointed with the task's state, atomically.
 *
 * A record is dropped only when its origin names its input exactly (by topic name, in the named
 * binary form or the text form) and that input's position is already past it. An origin that
 * cannot be read so (the fingerprinted form of earlier versions, a damaged header) never moves a
 * position and its record is processed: a guess could drop a valid record.
 *
 * @remarks One per task; emissions not caused by a record (idle timers) carry no origin and pass.
 */
export function createRepartitionOrigins({ committed, onUnresolved }: RepartitionOriginsOptions) {
  const seen = new Map<string, Position>(
    Object.entries(committed ? (JSON.parse(committed) as Record<string, string>) : {}).map(([input, position]) => {
      const dot = position.lastIndexOf('.');
      return [input, positionAt(position.slice(0, dot), parseDecimal(position, dot + 1, position.length))];
    }),
  );
  /** The name, as header bytes, of the input whose position `lastPosition` is: runs of records share it. */
  let lastInputBytes: Buffer | undefined;
  let lastPosition: Position | undefined;

  function positionOf(input: string): Position {
    let position = seen.get(input);
    if (position === undefined) {
      position = { offsetNumber: Number.NaN, offsetText: '', index: -1 };
      seen.set(input, position);
    }
    return position;
  }

  /**
   * The position of the input partition an origin's first `length` bytes name (text:
   * `topic#partition`; named binary: format, topic, partition), found without decoding them when
   * they are the last origin's, as they are for runs of records from one upstream batch.
   */
  function positionOfPrefix(origin: Buffer, length: number, inputOf: () => string): Position {
    if (lastPosition !== undefined && lastInputBytes !== undefined && lastInputBytes.length === length) {
      let same = true;
      for (let byte = 0; byte < length && same; byte++) same = origin[byte] === lastInputBytes[byte];
      if (same) return lastPosition;
    }
    // A copy: the header is a view of the whole fetch response, which must not stay reachable.
    lastInputBytes = Buffer.from(origin.subarray(0, length));
    lastPosition = positionOf(inputOf());
    return lastPosition;
  }

  /** The text path: origins given as strings, and offsets too long to be exact numbers. */
  function isNewText(text: string): boolean {
    const at = text.lastIndexOf('@');
    const dot = text.lastIndexOf('.');
    const index = parseDecimal(text, dot + 1, text.length);
    const { offsetNumber, offsetText } = positionAt(text.slice(at + 1, dot), index);
    return advance(positionOf(text.slice(0, at)), offsetNumber, offsetText, index);
  }

  const reader = new VarintReader();
  const warnedTopics = new Set<string>();

  /** An origin this reader cannot resolve exactly: its record is processed, and the topic reported once. */
  function unresolved(repartitionTopic: string): true {
    if (!warnedTopics.has(repartitionTopic)) {
      warnedTopics.add(repartitionTopic);
      onUnresolved?.(
        `repartition records on ${repartitionTopic} carry origins this version cannot resolve exactly (written by an earlier version, or damaged); they are processed, but a replay among them would not be recognised`,
      );
    }
    return true;
  }

  /** A named binary origin: format, name length, name, partition, offset, index. */
  function isNewNamed(origin: Buffer, repartitionTopic: string): boolean {
    reader.reset(origin, 1);
    const nameLength = reader.next();
    const nameAt = reader.position();
    if (Number.isNaN(nameLength) || nameAt + nameLength > origin.length) return unresolved(repartitionTopic);
    reader.skip(nameLength);
    const partition = reader.next();
    const prefixLength = reader.position();
    const offset = reader.next();
    const index = reader.next();
    if (Number.isNaN(partition) || Number.isNaN(offset) || Number.isNaN(index) || !reader.isAtEnd()) {
      return unresolved(repartitionTopic);
    }
    const position = positionOfPrefix(
      origin,
      prefixLength,
      () => `${origin.toString('utf8', nameAt, nameAt + nameLength)}#${partition}`,
    );
    return advance(position, offset, '', index);
  }

  let isRecordOpen = false;
  let lastTopic = '';
  let lastPartition = -1;
  /** The text form's `topic#partition`, built only when an origin needs the text form. */
  let lastInput = '';
  /** Format, topic name and partition of the current input: the start of its named origins. */
  let lastPrefix: Buffer = Buffer.alloc(0);
  let currentOffset = '';
  /** `currentOffset` as a number, `undefined` until an origin needs it, `NaN` past 15 digits. */
  let currentOffsetNumber: number | undefined;
  let emitted = 0;

  function textOrigin(): string {
    if (lastInput === '') lastInput = `${lastTopic}#${lastPartition}`;
    return `${lastInput}@${currentOffset}.${emitted++}`;
  }

  return {
    /** The record being processed now, read from this task's input `topic`, causes the next emissions. */
    startRecord(topic: string, partition: number, offset: string): void {
      // Records come in batches of one partition: build its prefix once per batch, not per record.
      if (topic !== lastTopic || partition !== lastPartition) {
        lastTopic = topic;
        lastPartition = partition;
        lastInput = '';
        lastPrefix = namedOriginPrefix(topic, partition);
      }
      isRecordOpen = true;
      currentOffset = offset;
      currentOffsetNumber = undefined;
      emitted = 0;
    },
    endRecord(): void {
      isRecordOpen = false;
    },
    /** The origin header of the next repartition record, if a record caused it. */
    nextOrigin(): Buffer | string | undefined {
      if (!isRecordOpen) return undefined;
      currentOffsetNumber ??= currentOffset.length <= MAX_EXACT_DIGITS ? Number(currentOffset) : Number.NaN;
      if (Number.isNaN(currentOffsetNumber)) return textOrigin();
      const index = emitted++;
      const origin = Buffer.allocUnsafe(lastPrefix.length + varintSize(currentOffsetNumber) + varintSize(index));
      lastPrefix.copy(origin, 0);
      writeVarint(origin, writeVarint(origin, lastPrefix.length, currentOffsetNumber), index);
      return origin;
    },
    /** False when the record's origin is at or before one already processed (a replay). */
    isNew(origin: Buffer | string | undefined, repartitionTopic: string): boolean {
      if (origin === undefined) return true;
      if (typeof origin === 'string') return isNewText(origin);
      if (origin[0] === NAMED_ORIGIN_FORMAT) return isNewNamed(origin, repartitionTopic);
      if (origin[0] === FINGERPRINTED_ORIGIN_FORMAT) return unresolved(repartitionTopic);
      // Parsed from the header's bytes (ASCII: topic names are [a-zA-Z0-9._-]), without a string.
      let dot = origin.length - 1;
      while (dot >= 0 && origin[dot] !== DOT) dot--;
      let at = dot - 1;
      while (at >= 0 && origin[at] !== AT_SIGN) at--;
      const digits = dot - at - 1;
      if (at < 0 || digits > MAX_EXACT_DIGITS) return isNewText(origin.toString('latin1'));
      return advance(
        positionOfPrefix(origin, at, () => origin.toString('latin1', 0, at)),
        parseDecimal(origin, at + 1, dot),
        '',
        parseDecimal(origin, dot + 1, origin.length),
      );
    },
    encode(): string {
      return JSON.stringify(
        Object.fromEntries(
          [...seen].map(([input, position]) => [
            input,
            `${decimalOf(position.offsetNumber, position.offsetText)}.${position.index}`,
          ]),
        ),
      );
    },
  };
}

function positionAt(offset: string, index: number): Position {
  const isExact = offset.length <= MAX_EXACT_DIGITS;
  return { offsetNumber: isExact ? Number(offset) : Number.NaN, offsetText: isExact ? '' : offset, index };
}

/** The decimal of an offset held as a number (`offsetText` `''`) or as text. */
function decimalOf(offsetNumber: number, offsetText: string): string {
  return offsetText === '' ? String(offsetNumber) : offsetText;
}

/** The non-negative decimal in `[from, to)` of a string or of ASCII bytes, without a substring. */
function parseDecimal(digits: string | Buffer, from: number, to: number): number {
  let value = 0;
  if (typeof digits === 'string') {
    for (let at = from; at < to; at++) value = value * 10 + (digits.charCodeAt(at) - DIGIT_ZERO);
  } else {
    for (let at = from; at < to; at++) value = value * 10 + ((digits[at] as number) - DIGIT_ZERO);
  }
  return value;
}

/** Moves `last` to the origin (offset as a number, or as text when `offsetNumber` is `NaN`) if it is after it. */
function advance(last: Position, offsetNumber: number, offsetText: string, index: number): boolean {
  if (last.index >= 0 && !isAfter(offsetNumber, offsetText, index, last)) return false;
  last.offsetNumber = offsetNumber;
  last.offsetText = offsetText;
  last.index = index;
  return true;
}

/** Offsets are non-negative decimals without leading zeros: a longer one is larger, else the text decides. */
function isAfter(offsetNumber: number, offsetText: string, index: number, last: Position): boolean {
  if (!Number.isNaN(offsetNumber) && !Number.isNaN(last.offsetNumber)) {
    return offsetNumber === last.offsetNumber ? index > last.index : offsetNumber > last.offsetNumber;
  }
  const offset = decimalOf(offsetNumber, offsetText);
  const lastOffset = decimalOf(last.offsetNumber, last.offsetText);
  if (offset.length !== lastOffset.length) return offset.length > lastOffset.length;
  if (offset !== lastOffset) return offset > lastOffset;
  return index > last.index;
}
