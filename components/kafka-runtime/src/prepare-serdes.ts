import type { RawRecordBatch } from '@fp/kafka-source';
import type { Topology } from '@fp/topology';
import type { SourceNode } from '@fp/topology/internal';

/**
 * Lets the sources' serdes do their I/O once per batch, before the synchronous decode: a
 * registry-backed Avro serde fetches the writer schemas of ids it has not seen (one request per
 * new id, never per record). Serdes without a `prepare` cost nothing here.
 */
export function createSerdePreparer(topology: Topology): (batch: RawRecordBatch) => Promise<void> {
  const sourcesByTopic = new Map<string, SourceNode[]>();
  for (const node of topology.nodes) {
    if (node.kind !== 'source' || (!node.options.key.prepare && !node.options.value.prepare)) continue;
    sourcesByTopic.set(node.options.topic, [...(sourcesByTopic.get(node.options.topic) ?? []), node]);
  }
  return async (batch) => {
    const sources = sourcesByTopic.get(batch.topic);
    if (!sources) return;
    for (const { options } of sources) {
      if (options.key.prepare)
        await options.key.prepare(batch.records.flatMap(({ key }) => (key === null ? [] : [key])));
      if (options.value.prepare)
        await options.value.prepare(batch.records.flatMap(({ value }) => (value === null ? [] : [value])));
    }
  };
}
