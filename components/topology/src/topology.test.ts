import { numberSerde, stringSerde, type Serde } from '@fp/serdes';
import { count, tumbling } from '@fp/windowing';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { KeyedStream, Stream, WindowedStream } from './streams';
import { createTopology } from './topology';
import type { Windowed } from './types';

const serdes = { key: stringSerde, value: numberSerde };

function cardFeatures() {
  const topology = createTopology('card-features');
  const stream = topology.stream('read-transactions', { topic: 'transactions', ...serdes });
  stream
    .filter('positive', (_key, amount) => amount > 0)
    .selectKey('by-card', (key) => key.slice(0, 4))
    .groupByKey({ key: stringSerde })
    .windowedBy(tumbling({ sizeMs: 60_000, allowedLatenessMs: 0 }))
    .count('count-1m')
    .toStream()
    .mapValues('to-row', (total, windowed) => `${windowed.key}:${total}`)
    .to('write', {
      topic: 'features',
      key: { serialize: () => Buffer.alloc(0), deserialize: () => ({ key: '', window: { startMs: 0, endMs: 0 } }) },
      value: stringSerde,
    });
  return topology;
}

describe('createTopology()', () => {
  it('splits sub-topologies at the repartition step and names internal topics after the topology', () => {
    const topology = cardFeatures();
    expect(topology.subTopologies.map((sub) => ({ inputs: sub.inputTopics, stores: sub.stores }))).toEqual([
      { inputs: ['transactions'], stores: [] },
      { inputs: ['card-features-by-card-repartition'], stores: ['count-1m'] },
    ]);
    expect(topology.repartitionTopics).toEqual({ 'by-card-repartition': 'card-features-by-card-repartition' });
    expect(topology.changelogTopics).toEqual({ 'count-1m': 'card-features-count-1m-changelog' });
  });

  it('does not repartition when the key never changed since the source', () => {
    const topology = createTopology('no-rekey');
    topology
      .stream('read', { topic: 'in', ...serdes })
      .mapValues('double', (value) => value * 2)
      .groupByKey()
      .count('count');
    expect(topology.subTopologies).toHaveLength(1);
    expect(topology.repartitionTopics).toEqual({});
  });

  it('does not repartition after a re-key that promises to preserve partitioning', () => {
    const topology = createTopology('preserved');
    topology
      .stream('read', { topic: 'in', ...serdes })
      .selectKey('same-partition', (key) => key.toUpperCase(), { preservesPartitioning: true })
      .groupByKey({})
      .count('count');
    // Without serdes for the new key the runtime needs one for state keys: the source's key serde is reused.
    expect(topology.subTopologies).toHaveLength(1);
  });

  it('groups window results by their grouping key in the same task when groupBy promises to preserve partitioning', () => {
    const build = (preservesPartitioning: boolean) => {
      const topology = createTopology('totals');
      topology
        .stream('read', { topic: 'in', ...serdes })
        .groupBy('by-prefix', (key) => key.slice(0, 2), { key: stringSerde })
        .windowedBy(tumbling({ sizeMs: 60_000, allowedLatenessMs: 0 }))
        .count('count-1m')
        .toStream()
        .groupBy('window-to-prefix', (windowed) => windowed.key, { key: stringSerde, preservesPartitioning })
        .count('count-total');
      return topology;
    };
    expect(Object.keys(build(false).repartitionTopics)).toEqual([
      'by-prefix-repartition',
      'window-to-prefix-repartition',
    ]);
    const preserved = build(true);
    expect(Object.keys(preserved.repartitionTopics)).toEqual(['by-prefix-repartition']);
    expect(preserved.subTopologies.map((sub) => sub.stores)).toEqual([[], ['count-1m', 'count-total']]);
  });

  it('puts merged sources in one sub-topology (co-partitioned inputs share a task)', () => {
    const topology = createTopology('merged');
    const a = topology.stream('read-a', { topic: 'a', ...serdes });
    const b = topology.stream('read-b', { topic: 'b', ...serdes });
    a.merge('union', b).groupByKey().count('count');
    expect(topology.subTopologies.map((sub) => sub.inputTopics)).toEqual([['a', 'b']]);
  });

  it('describes itself as text and JSON', () => {
    const topology = cardFeatures();
    expect(topology.describe()).toBe(
      [
        'Topology: card-features',
        '  Sub-topology 0',
        '    inputs: transactions',
        '    source read-transactions --> positive',
        '    filter positive --> by-card',
        '    map by-card --> by-card-repartition',
        '    repartition by-card-repartition --> count-1m',
        '    outputs: card-features-by-card-repartition',
        '  Sub-topology 1',
        '    inputs: card-features-by-card-repartition',
        '    windowed-aggregate count-1m --> to-row',
        '    map-values to-row --> write',
        '    sink write',
        '    stores: count-1m',
        '    outputs: features',
      ].join('\n'),
    );
    expect(topology.toJSON()).toMatchObject({
      name: 'card-features',
      inputs: ['transactions'],
      outputs: ['features'],
      repartitionTopics: ['card-features-by-card-repartition'],
      changelogTopics: ['card-features-count-1m-changelog'],
    });
    expect(JSON.parse(JSON.stringify(topology)).subTopologies).toHaveLength(2);
  });

  it.each(['Agg', 'agg_10m', '-agg', 'agg--10m', ''])(
    'rejects the step name %j with TOPOLOGY_INVALID_STEP_NAME',
    (name) => {
      const topology = createTopology('names');
      expect(() => topology.stream(name, { topic: 'in', ...serdes })).toThrow(
        expect.objectContaining({ code: 'TOPOLOGY_INVALID_STEP_NAME' }),
      );
    },
  );

  it('rejects a second step with the same name with TOPOLOGY_DUPLICATE_STEP_NAME', () => {
    const topology = createTopology('names');
    const stream = topology.stream('read', { topic: 'in', ...serdes });
    stream.filter('keep', () => true);
    expect(() => stream.filter('keep', () => true)).toThrow(
      expect.objectContaining({ code: 'TOPOLOGY_DUPLICATE_STEP_NAME' }),
    );
  });

  it('splits into first-match branches plus a default branch', () => {
    const topology = createTopology('split');
    const branches = topology
      .stream('read', { topic: 'in', ...serdes })
      .split('route', { small: (_k, v) => v < 10, big: (_k, v) => v >= 10 });
    expect(Object.keys(branches).sort()).toEqual(['big', 'default', 'small']);
    expect(topology.nodes.map((node) => node.name)).toEqual(['read', 'route-small', 'route-big', 'route-default']);
  });

  it('refuses to describe an empty topology', () => {
    expect(() => createTopology('empty').describe()).toThrow(expect.objectContaining({ code: 'TOPOLOGY_EMPTY' }));
  });
});

describe('types flow through the chain', () => {
  it('infers each step output and keeps the key type on ...Values steps', () => {
    const stream = createTopology('types').stream('read', { topic: 'in', ...serdes });
    expectTypeOf(stream).toEqualTypeOf<Stream<string, number>>();
    expectTypeOf(stream.mapValues('to-text', (value) => String(value))).toEqualTypeOf<Stream<string, string>>();
    expectTypeOf(stream.selectKey('to-number', (_key, value) => value)).toEqualTypeOf<Stream<number, number>>();
    expectTypeOf(stream.groupByKey()).toEqualTypeOf<KeyedStream<string, number>>();
    const windowed = stream.groupByKey().windowedBy(tumbling({ sizeMs: 1, allowedLatenessMs: 0 }));
    expectTypeOf(windowed).toEqualTypeOf<WindowedStream<string, number>>();
    expectTypeOf(windowed.aggregate('count', count()).toStream()).toEqualTypeOf<Stream<Windowed<string>, number>>();
  });

  it('has no windowedBy or aggregate on an ungrouped stream', () => {
    expectTypeOf<Stream<string, number>>().not.toHaveProperty('windowedBy');
    expectTypeOf<Stream<string, number>>().not.toHaveProperty('aggregate');
    expectTypeOf<KeyedStream<string, number>>().toHaveProperty('windowedBy');
  });

  it('only writes a stream to a sink whose serdes match its key and value types', () => {
    const stream = createTopology('sink-types').stream('read', { topic: 'in', ...serdes });
    expectTypeOf(stream.to).parameter(1).toHaveProperty('value').toEqualTypeOf<Serde<number>>();
  });
});
