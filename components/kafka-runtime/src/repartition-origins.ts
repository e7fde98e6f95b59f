import {
  BINARY_ORIGIN_FORMAT,
  BINARY_ORIGIN_VARINTS_AT,
  inputTopicsFingerprint,
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
  /** The input topics of this task's sub-topology: a binary origin names its input by index there. */
  readonly inputTopics: readonly string[];
  /** The input topics of the sub-topology writing a repartition topic, `undefined` if none does. */
  readonly writerInputTopics: (repartitionTopic: string) => readonly string[] | undefined;
  /** Told once per repartition topic when binary origins there cannot be resolved (such records are kept). */
  readonly onUnresolved?: (message: string) => void;
}

/** How a reader resolves the binary origins on one repartition topic. */
interface Writer {
  readonly inputTopics: readonly string[];
  /** `-1` when no sub-topology of this topology writes the topic. */
  readonly fingerprint: number;
  /** Positions by input topic index, then partition; filled as origins name them. */
  readonly positions: (Position | undefined)[][];
  hasWarned: boolean;
}

/**
 * At-least-once without double counting across repartition topics. A task that crashes after its
 * repartition records were written, but before its input offsets were committed, writes them again
 * when it re-reads those inputs; a downstream task with state would count them twice. Each
 * repartition record therefore names its origin (the upstream input record and the how-many-th
 * record it caused), and a stateful downstream task drops records whose origin it already
 * passed. The positions seen are checkpointed with the task's state, atomically.
 *
 * @remarks One per task; emissions not caused by a record (idle timers) carry no origin and pass.
 */
export function createRepartitionOrigins({
  committed,
  inputTopics,
  writerInputTopics,
  onUnresolved,
}: RepartitionOriginsOptions) {
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

  /** The position of the input named by `origin[0, at)`, found without decoding the name when it is the last one's. */
  function positionOfInputBytes(origin: Buffer, at: number): Position {
    if (lastPosition !== undefined && lastInputBytes !== undefined && lastInputBytes.length === at) {
      let same = true;
      for (let byte = 0; byte < at && same; byte++) same = origin[byte] === lastInputBytes[byte];
      if (same) return lastPosition;
    }
    // A copy: the header is a view of the whole fetch response, which must not stay reachable.
    lastInputBytes = Buffer.from(origin.subarray(0, at));
    lastPosition = positionOf(origin.toString('latin1', 0, at));
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

  const ownFingerprint = inputTopicsFingerprint(inputTopics);
  const writers = new Map<string, Writer>();
  const reader = new VarintReader();
  let lastWriterTopic = '';
  let lastWriter: Writer | undefined;

  function writerOf(repartitionTopic: string): Writer {
    if (repartitionTopic === lastWriterTopic && lastWriter !== undefined) return lastWriter;
    let writer = writers.get(repartitionTopic);
    if (writer === undefined) {
      const topics = writerInputTopics(repartitionTopic);
      writer = {
        inputTopics: topics ?? [],
        fingerprint: topics === undefined ? -1 : inputTopicsFingerprint(topics),
        positions: [],
        hasWarned: false,
      };
      writers.set(repartitionTopic, writer);
    }
    lastWriterTopic = repartitionTopic;
    lastWriter = writer;
    return writer;
  }

  /**
   * A binary origin read on `repartitionTopic`. One this topology cannot resolve (another
   * topology's writer, a damaged header) is kept: dropping a record on a guess could lose it.
   */
  function isNewBinary(origin: Buffer, repartitionTopic: string): boolean {
    const writer = writerOf(repartitionTopic);
    reader.reset(origin, BINARY_ORIGIN_VARINTS_AT);
    const topicIndex = reader.next();
    const partition = reader.next();
    const offset = reader.next();
    const index = reader.next();
    const topic = writer.inputTopics[topicIndex];
    const isReadable =
      origin.length >= BINARY_ORIGIN_VARINTS_AT &&
      origin.readUInt16LE(1) === writer.fingerprint &&
      topic !== undefined &&
      !Number.isNaN(partition) &&
      !Number.isNaN(offset) &&
      !Number.isNaN(index) &&
      reader.isAtEnd();
    if (!isReadable) {
      if (!writer.hasWarned) {
        writer.hasWarned = true;
        onUnresolved?.(
          `repartition records on ${repartitionTopic} carry origins this topology cannot resolve (written by another version of it?); they are processed, but a replay among them would not be recognised`,
        );
      }
      return true;
    }
    const byPartition = (writer.positions[topicIndex] ??= []);
    const position = (byPartition[partition] ??= positionOf(`${topic}#${partition}`));
    return advance(position, offset, '', index);
  }

  let isRecordOpen = false;
  let lastTopic = '';
  let lastPartition = -1;
  /** The text form's `topic#partition`, built only when an origin needs the text form. */
  let lastInput = '';
  /** Format, fingerprint, topic index and partition of the current input: the start of its origins. */
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
        lastPrefix = binaryPrefix(ownFingerprint, inputTopics.indexOf(topic), partition);
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
      // An input outside this task's topics cannot be named by index (not expected): the text form can.
      if (Number.isNaN(currentOffsetNumber) || lastPrefix.length === 0) return textOrigin();
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
      if (origin[0] === BINARY_ORIGIN_FORMAT) return isNewBinary(origin, repartitionTopic);
      // Parsed from the header's bytes (ASCII: topic names are [a-zA-Z0-9._-]), without a string.
      let dot = origin.length - 1;
      while (dot >= 0 && origin[dot] !== DOT) dot--;
      let at = dot - 1;
      while (at >= 0 && origin[at] !== AT_SIGN) at--;
      const digits = dot - at - 1;
      if (at < 0 || digits > MAX_EXACT_DIGITS) return isNewText(origin.toString('latin1'));
      return advance(
        positionOfInputBytes(origin, at),
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

/** The bytes every binary origin of one input starts with; empty when the topic is not an input. */
function binaryPrefix(fingerprint: number, topicIndex: number, partition: number): Buffer {
  if (topicIndex < 0) return Buffer.alloc(0);
  const prefix = Buffer.alloc(BINARY_ORIGIN_VARINTS_AT + varintSize(topicIndex) + varintSize(partition));
  prefix[0] = BINARY_ORIGIN_FORMAT;
  prefix.writeUInt16LE(fingerprint, 1);
  writeVarint(prefix, writeVarint(prefix, BINARY_ORIGIN_VARINTS_AT, topicIndex), partition);
  return prefix;
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
