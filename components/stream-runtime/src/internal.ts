/**
 * @fp/stream-runtime/internal: the pieces `@fp/kafka-runtime` builds a Kafka run from (a task per
 * sub-topology and partition, the partition plan, the task counters). Pipelines and scripts never
 * need them: they run topologies with `runLocal`, the test driver or a worker.
 */
export { createTask } from './task';
export { planPartitions, repartitionWriterOf, upstreamTaskCount } from './partition-plan';
export { sumCounters } from './task-counters';
export type { RawRecord, TaskOutput } from './raw-record';
export type { DecodedRecord, LateRecordEvent, Task, TaskOptions } from './task';
export type { PartitionPlan } from './partition-plan';
export type { TaskCounters } from './task-counters';
