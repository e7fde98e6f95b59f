/** A record as it comes off a topic partition (Kafka, a file, or the test driver): bytes and coordinates. */
export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offsets are int64; kept as a decimal string like kafkajs does. */
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** The record's own timestamp (Kafka: CreateTime or LogAppendTime). */
  readonly timestampMs: number;
  /** Header values are bytes; a header repeated in the record comes as an array. */
  readonly headers?: Readonly<Record<string, Buffer | readonly Buffer[]>>;
}

/** Where a task's output goes: output and repartition topics, watermark markers, dead letters. */
export interface TaskOutput {
  /** `partition` is set for repartition topics (the runtime's partitioner); undefined lets the sink choose. */
  send(
    topic: string,
    partition: number | undefined,
    key: Buffer | null,
    value: Buffer | null,
    timestampMs: number,
  ): void;
  /** Tells every partition of a repartition topic that this task's watermark reached `watermarkMs`. */
  watermark(topic: string, fromTaskId: string, watermarkMs: number): void;
  /** A record the dead-letter policy sends away, with the original bytes and the error. */
  deadLetter(record: RawRecord, error: Error, stepName: string): void;
}
