/** Header on repartition records: the input record that caused it, `topic#partition@offset.index`. */
export const ORIGIN_HEADER = 'fp-origin';
/** Store metadata key of the highest origin seen per upstream input partition. */
export const ORIGINS_METADATA_KEY = 'origins';

interface Position {
  /** Decimal, as Kafka offsets travel here: compared by length, then text (no BigInt per record). */
  readonly offset: string;
  readonly index: number;
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
export function createRepartitionOrigins(committed: string | undefined) {
  const seen = new Map<string, Position>(
    Object.entries(committed ? (JSON.parse(committed) as Record<string, string>) : {}).map(([input, position]) => [
      input,
      parsePosition(position),
    ]),
  );
  let currentInput: string | undefined;
  let lastTopic = '';
  let lastPartition = -1;
  let lastInput = '';
  let currentOffset = '';
  let emitted = 0;
  return {
    /** The record being processed now causes the next emissions. */
    startRecord(topic: string, partition: number, offset: string): void {
      // Records come in batches of one partition: build its name once per batch, not per record.
      if (topic !== lastTopic || partition !== lastPartition) {
        lastTopic = topic;
        lastPartition = partition;
        lastInput = `${topic}#${partition}`;
      }
      currentInput = lastInput;
      currentOffset = offset;
      emitted = 0;
    },
    endRecord(): void {
      currentInput = undefined;
    },
    /** The origin header of the next repartition record, if a record caused it. */
    nextOrigin(): string | undefined {
      return currentInput === undefined ? undefined : `${currentInput}@${currentOffset}.${emitted++}`;
    },
    /** False when the record's origin is at or before one already processed (a replay). */
    isNew(origin: Buffer | string | undefined): boolean {
      if (origin === undefined) return true;
      // Topic names are ASCII (Kafka allows [a-zA-Z0-9._-]), and latin1 decodes faster than UTF-8.
      const text = typeof origin === 'string' ? origin : origin.toString('latin1');
      const at = text.lastIndexOf('@');
      const input = text.slice(0, at);
      const position = parsePosition(text.slice(at + 1));
      const last = seen.get(input);
      if (last && !isAfter(position, last)) return false;
      seen.set(input, position);
      return true;
    },
    encode(): string {
      return JSON.stringify(
        Object.fromEntries([...seen].map(([input, { offset, index }]) => [input, `${offset}.${index}`])),
      );
    },
  };
}

function parsePosition(text: string): Position {
  const dot = text.lastIndexOf('.');
  return { offset: text.slice(0, dot), index: Number(text.slice(dot + 1)) };
}

/** Offsets are non-negative decimals without leading zeros: a longer one is larger, else the text decides. */
function isAfter(position: Position, last: Position): boolean {
  const { offset } = position;
  if (offset.length !== last.offset.length) return offset.length > last.offset.length;
  if (offset !== last.offset) return offset > last.offset;
  return position.index > last.index;
}
