import type { BadRecordPolicy } from '@fp/errors';
import type { Topology } from '@fp/topology';
import type { StreamRuntimeError } from './errors';
import type { RawRecord, TaskOutput } from './raw-record';
import type { TaskCounters } from './task-counters';

/** How much of a bad record each policy keeps: the higher, the less is lost. */
const STRICTNESS: Readonly<Record<BadRecordPolicy, number>> = { skip: 0, 'dead-letter': 1, fail: 2 };

/**
 * The policy for records that reach `nodeId`: that of the source upstream, or the strictest of
 * several (a record read from a repartition topic may come from any of them, and a stricter policy
 * keeps what a looser one would drop). Default `fail`.
 */
export function upstreamBadRecordPolicy(topology: Topology, nodeId: number): BadRecordPolicy {
  let policy: BadRecordPolicy | undefined;
  const seen = new Set<number>();
  const pending = [nodeId];
  while (pending.length > 0) {
    const node = topology.nodes[pending.pop() as number];
    if (node === undefined || seen.has(node.id)) continue;
    seen.add(node.id);
    if (node.kind === 'source') {
      const sourcePolicy = node.options.onDeserializationError ?? 'fail';
      if (policy === undefined || STRICTNESS[sourcePolicy] > STRICTNESS[policy]) policy = sourcePolicy;
    }
    pending.push(...node.parents);
  }
  return policy ?? 'fail';
}

/**
 * Applies `policy` to a bad record: `fail` throws `error`, `skip` counts the record, `dead-letter`
 * counts it and hands the original record and `error` to the task output.
 */
export function applyBadRecordPolicy(
  policy: BadRecordPolicy,
  bad: { readonly record: RawRecord; readonly error: StreamRuntimeError; readonly stepName: string },
  sink: { readonly counters: TaskCounters; readonly output: TaskOutput },
): void {
  switch (policy) {
    case 'fail':
      throw bad.error;
    case 'skip':
      sink.counters.skippedRecords++;
      return;
    case 'dead-letter':
      sink.counters.deadLetteredRecords++;
      sink.output.deadLetter(bad.record, bad.error, bad.stepName);
      return;
  }
}
