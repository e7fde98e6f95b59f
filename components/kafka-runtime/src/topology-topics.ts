import type { Topology } from '@fp/topology';

/** The topics a topology writes outside itself (its sinks), plus the dead-letter topic when given. */
export function outputTopicsOf(topology: Topology, deadLetterTopic?: string): string[] {
  const sinks = topology.nodes.flatMap((node) => (node.kind === 'sink' ? [node.options.topic] : []));
  return [...new Set([...sinks, ...(deadLetterTopic === undefined ? [] : [deadLetterTopic])])];
}

/** The topics a topology reads from outside (its sources; repartition topics are its own). */
export function inputTopicsOf(topology: Topology): string[] {
  return [...new Set(topology.nodes.flatMap((node) => (node.kind === 'source' ? [node.options.topic] : [])))];
}
