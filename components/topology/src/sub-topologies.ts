import { STATEFUL_KINDS, type SubTopology, type TopologyNode } from './types';

/**
 * Splits the step graph at repartition steps: a repartition step ends its upstream
 * sub-topology (it writes the topic) and starts a downstream one (which reads it). Steps joined
 * by any other edge, such as a merge of two sources, share a sub-topology and thus a task.
 */
export function splitSubTopologies(
  nodes: readonly TopologyNode[],
  repartitionTopics: Readonly<Record<string, string>>,
): SubTopology[] {
  // Union-find over node ids; the downstream side of a repartition node is a separate vertex.
  const parent = new Map<string, string>();
  const find = (vertex: string): string => {
    let root = vertex;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(vertex, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent.set(rootB, rootA);
  };
  const upstreamVertex = (node: TopologyNode) => `n${node.id}`;
  const downstreamVertex = (node: TopologyNode) => (node.kind === 'repartition' ? `r${node.id}` : `n${node.id}`);
  const byId = new Map(nodes.map((node) => [node.id, node]));

  for (const node of nodes) {
    find(upstreamVertex(node));
    find(downstreamVertex(node));
    for (const parentId of node.parents) {
      const parentNode = byId.get(parentId);
      if (parentNode) union(downstreamVertex(parentNode), upstreamVertex(node));
    }
  }

  const groups = new Map<string, { nodeIds: number[]; inputTopics: string[]; stores: string[] }>();
  const groupOf = (vertex: string) => {
    const root = find(vertex);
    let group = groups.get(root);
    if (!group) {
      group = { nodeIds: [], inputTopics: [], stores: [] };
      groups.set(root, group);
    }
    return group;
  };
  for (const node of nodes) {
    const group = groupOf(upstreamVertex(node));
    group.nodeIds.push(node.id);
    if (node.kind === 'source') group.inputTopics.push(node.options.topic);
    if (STATEFUL_KINDS.has(node.kind)) group.stores.push(node.name);
    if (node.kind === 'repartition') {
      const downstream = groupOf(downstreamVertex(node));
      downstream.inputTopics.push(repartitionTopics[node.name] ?? node.name);
    }
  }
  // Number sub-topologies by their first node, so ids follow the order the pipeline was written in.
  return [...groups.values()]
    .filter((group) => group.nodeIds.length > 0)
    .sort((a, b) => (a.nodeIds[0] ?? 0) - (b.nodeIds[0] ?? 0))
    .map((group, id) => ({ id, inputTopics: group.inputTopics, nodeIds: group.nodeIds, stores: group.stores }));
}
