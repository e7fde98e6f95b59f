import type { Topology } from '@fp/topology';
import {
  CHANGELOG_OFFSETS_HEADER,
  CHANGELOG_ORIGINS_HEADER,
  CHECKPOINT_METADATA_KEY,
  encodeOffsets,
  OFFSETS_METADATA_KEY,
} from './checkpoint-offsets';
import { ORIGINS_METADATA_KEY } from './repartition-origins';
import type { RecordSender, TaskRuntime } from './task-runtime';

/**
 * Produces the dirty entries of every store of a task to their changelog partitions, each tagged
 * with the input offsets and repartition origins the state reflects; returns the metadata the
 * stores commit with that snapshot, and how many records it sent.
 */
export function produceChangelogSnapshot(
  topology: Topology,
  runtime: TaskRuntime,
  sender: RecordSender,
  checkpointNumber?: number,
): { metadata: Record<string, string>; records: number } {
  const encoded = encodeOffsets(runtime.offsets);
  const origins = runtime.origins.encode();
  // Encoded once for all the checkpoint's records: the producer copies bytes, it would encode a string per record.
  const headers = {
    [CHANGELOG_OFFSETS_HEADER]: Buffer.from(encoded),
    [CHANGELOG_ORIGINS_HEADER]: Buffer.from(origins),
  };
  let records = 0;
  for (const [stepName, store] of runtime.stores) {
    const topic = topology.changelogTopics[stepName] as string;
    for (const entry of store.dirtyEntries()) {
      records++;
      sender.send({ topic, partition: runtime.partition, key: entry.key, value: entry.value, headers });
    }
  }
  const metadata: Record<string, string> = { [OFFSETS_METADATA_KEY]: encoded, [ORIGINS_METADATA_KEY]: origins };
  if (checkpointNumber !== undefined) metadata[CHECKPOINT_METADATA_KEY] = String(checkpointNumber);
  return { metadata, records };
}
