import type { Serde } from '@fp/serdes';
import { TopologyError } from './errors';
import type { NewNode, NodeSink } from './node-sink';
import { requireStepName } from './step-name';
import { Stream } from './streams';
import { splitSubTopologies } from './sub-topologies';
import {
  STATEFUL_KINDS,
  type SourceOptions,
  type SubTopology,
  type Topology,
  type TopologyDescription,
  type TopologyNode,
} from './types';
import { v8Serde } from './v8-serde';

/** The pipeline under construction: add sources with `stream`, then chain steps on them. */
export interface TopologyBuilder extends Topology {
  /** Reads `source.topic`, decoding with its serdes and stamping event time with `source.timestamp`. */
  stream<K, V>(stepName: string, source: SourceOptions<K, V>): Stream<K, V>;
}

/**
 * Starts a pipeline. The result is a value: nothing connects anywhere until `@fp/stream-runtime`
 * runs it. Internal topics are named after the topology: `<name>-<step>-repartition` and
 * `<name>-<step>-changelog`.
 *
 * @example
 * const topology = createTopology('card-features');
 * topology
 *   .stream('read-transactions', { topic: 'credit_card_transactions', key: stringSerde, value: transactionSerde })
 *   .selectKey('by-card', (_key, tx) => tx.cc_num)
 *   .groupByKey()
 *   .windowedBy(hopping({ sizeMs: 600_000, advanceMs: 60_000, allowedLatenessMs: 0 }))
 *   .aggregate('agg-10m', transactionAggregator)
 *   .toStream()
 *   .to('write-features', { topic: 'card_transactions_10m_agg', key: ..., value: ... });
 */
export function createTopology(name: string): TopologyBuilder {
  requireStepName(name, new Set());
  return new TopologyImpl(name);
}

class TopologyImpl implements TopologyBuilder, NodeSink {
  readonly defaultSerde: Serde<unknown> = v8Serde;
  private readonly steps: TopologyNode[] = [];
  private readonly children = new Map<number, TopologyNode[]>();
  private readonly names = new Set<string>();
  private cachedSubTopologies: { readonly size: number; readonly value: SubTopology[] } | undefined;

  constructor(readonly name: string) {}

  stream<K, V>(stepName: string, source: SourceOptions<K, V>): Stream<K, V> {
    if (!source.topic) {
      throw new TopologyError('TOPOLOGY_INVALID_OPTIONS', `stream("${stepName}"): source.topic is required`);
    }
    const id = this.add({ kind: 'source', name: stepName, parents: [], options: source });
    return new Stream<K, V>(this, id, source.key, false);
  }

  add(node: NewNode): number {
    requireStepName(node.name, this.names);
    const id = this.steps.length;
    const complete = Object.freeze({ ...node, id }) as TopologyNode;
    this.steps.push(complete);
    this.names.add(node.name);
    for (const parentId of node.parents) {
      const siblings = this.children.get(parentId) ?? [];
      siblings.push(complete);
      this.children.set(parentId, siblings);
    }
    return id;
  }

  nameOf(nodeId: number): string {
    return this.steps[nodeId]?.name ?? String(nodeId);
  }

  get nodes(): readonly TopologyNode[] {
    return this.steps;
  }

  get repartitionTopics(): Readonly<Record<string, string>> {
    return Object.fromEntries(
      this.steps.filter((node) => node.kind === 'repartition').map((node) => [node.name, `${this.name}-${node.name}`]),
    );
  }

  get changelogTopics(): Readonly<Record<string, string>> {
    return Object.fromEntries(
      this.steps
        .filter((node) => STATEFUL_KINDS.has(node.kind))
        .map((node) => [node.name, `${this.name}-${node.name}-changelog`]),
    );
  }

  get subTopologies(): readonly SubTopology[] {
    if (this.cachedSubTopologies?.size !== this.steps.length) {
      this.cachedSubTopologies = {
        size: this.steps.length,
        value: splitSubTopologies(this.steps, this.repartitionTopics),
      };
    }
    return this.cachedSubTopologies.value;
  }

  childrenOf(nodeId: number): readonly TopologyNode[] {
    return this.children.get(nodeId) ?? [];
  }

  toJSON(): TopologyDescription {
    if (this.steps.length === 0) {
      throw new TopologyError('TOPOLOGY_EMPTY', `topology "${this.name}" has no steps: add a source with stream()`);
    }
    const repartitionTopics = this.repartitionTopics;
    const outputsOf = (nodeIds: readonly number[]) =>
      nodeIds.flatMap((id) => {
        const node = this.steps[id];
        if (node?.kind === 'sink') return [node.options.topic];
        if (node?.kind === 'repartition') return [repartitionTopics[node.name] ?? node.name];
        return [];
      });
    const subTopologies = this.subTopologies.map((subTopology) => ({
      id: subTopology.id,
      inputs: subTopology.inputTopics,
      outputs: outputsOf(subTopology.nodeIds),
      stores: subTopology.stores,
      steps: subTopology.nodeIds.map((id) => {
        const node = this.steps[id] as TopologyNode;
        return { name: node.name, kind: node.kind, next: this.childrenOf(id).map((child) => child.name) };
      }),
    }));
    return {
      name: this.name,
      subTopologies,
      inputs: this.steps.flatMap((node) => (node.kind === 'source' ? [node.options.topic] : [])),
      outputs: this.steps.flatMap((node) => (node.kind === 'sink' ? [node.options.topic] : [])),
      repartitionTopics: Object.values(repartitionTopics),
      changelogTopics: Object.values(this.changelogTopics),
    };
  }

  describe(): string {
    const description = this.toJSON();
    const lines = [`Topology: ${description.name}`];
    for (const subTopology of description.subTopologies) {
      lines.push(`  Sub-topology ${subTopology.id}`);
      lines.push(`    inputs: ${subTopology.inputs.join(', ') || '(none)'}`);
      for (const step of subTopology.steps) {
        const next = step.next.length > 0 ? ` --> ${step.next.join(', ')}` : '';
        lines.push(`    ${step.kind} ${step.name}${next}`);
      }
      if (subTopology.stores.length > 0) lines.push(`    stores: ${subTopology.stores.join(', ')}`);
      lines.push(`    outputs: ${subTopology.outputs.join(', ') || '(none)'}`);
    }
    return lines.join('\n');
  }
}
