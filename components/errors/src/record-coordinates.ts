/**
 * Where a record-level failure happened: the input record's topic, partition and offset (a Kafka
 * int64 offset as a decimal string, as kafkajs gives it) and, when known, the step that failed.
 */
export interface RecordCoordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly stepName?: string;
}
