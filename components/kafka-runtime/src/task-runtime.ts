import type { KafkaSink, TransactionalKafkaSink } from '@fp/kafka-sink';
import type { TopicPartitionOffset } from '@fp/kafka-source';
import type { KeyedStore } from '@fp/keyed-state';
import type { Task } from '@fp/stream-runtime/internal';
import type { SubTopology } from '@fp/topology/internal';
import { encodeCommitMetadata } from './commit-metadata';
import type { createRepartitionOrigins } from './repartition-origins';
import type { createWatermarkMarkers } from './watermark-marker';

/** One open task of a streaming run: its stores, positions and (exactly-once) its producer. */
export interface TaskRuntime {
  readonly task: Task;
  readonly partition: number;
  readonly subTopology: SubTopology;
  readonly stores: Map<string, KeyedStore<unknown>>;
  /** `topic#partition` -> next offset to read, for the inputs this task consumed. */
  readonly offsets: Map<string, string>;
  /** Watermarks this task owes its repartition topics, written once per batch. */
  readonly markers: ReturnType<typeof createWatermarkMarkers>;
  /** Origins of repartition records: stamps what this task writes, drops replays it reads. */
  readonly origins: ReturnType<typeof createRepartitionOrigins>;
  /** Exactly-once only: the task's own transactional producer (its id fences a zombie of the task). */
  readonly transactions: TransactionalKafkaSink | undefined;
  /**
   * Exactly-once only: the number of the last transaction that committed this task's state, also
   * in the store metadata and the committed offsets' metadata (see `task-lifecycle.ts`).
   */
  checkpointNumber: number;
}

/** Where a task's records go: the shared producer, or its transaction. */
export type RecordSender = Pick<KafkaSink, 'send'>;

/** The task's `topic#partition` key of an input. */
export const inputKey = (topic: string, partition: number): string => `${topic}#${partition}`;

/** The offsets to commit for a task, each carrying its stream time (and checkpoint number) as metadata. */
export function consumedOffsets(runtime: TaskRuntime, checkpointNumber?: number): TopicPartitionOffset[] {
  const metadata = encodeCommitMetadata(runtime.task.watermarkSnapshot(), checkpointNumber);
  return [...runtime.offsets].map(([input, offset]) => {
    const at = input.lastIndexOf('#');
    return { topic: input.slice(0, at), partition: Number(input.slice(at + 1)), offset, metadata };
  });
}
