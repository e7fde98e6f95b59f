import { describe, expect, it } from 'vitest';
import { buildBrickTable, renderBrickTable, type BrickGraph } from './brick-table';

const node = (root: string, tags: string[]) => ({ data: { root, tags } });

const graph: BrickGraph = {
  nodes: {
    errors: node('components/errors', ['type:component', 'layer:core']),
    windowing: node('components/windowing', ['type:component', 'layer:core']),
    cards: node('components/cards', ['type:component', 'layer:core', 'kind:pipeline']),
    'kafka-source': node('components/kafka-source', ['type:component', 'layer:io']),
    'card-worker': node('bases/card-worker', ['type:base', 'kind:pipeline']),
    'backfill-cli': node('bases/backfill-cli', ['type:base']),
    'card-pipeline': node('projects/card-pipeline', ['type:project']),
    'backfill-pipeline': node('projects/backfill-pipeline', ['type:project']),
    'integration-tests': node('test', ['type:test']),
  },
  dependencies: {
    'card-pipeline': [{ target: 'card-worker' }],
    'backfill-pipeline': [{ target: 'backfill-cli' }],
    'card-worker': [{ target: 'cards' }, { target: 'kafka-source' }, { target: 'npm:kafkajs' }],
    cards: [{ target: 'windowing' }],
    'backfill-cli': [{ target: 'kafka-source' }],
    windowing: [{ target: 'errors' }],
    'kafka-source': [{ target: 'errors' }],
    'integration-tests': [{ target: 'card-worker' }],
  },
};

describe('buildBrickTable()', () => {
  it('marks the bricks each project uses through transitive dependencies', () => {
    const table = buildBrickTable(graph, []);
    expect(table.projects).toEqual(['backfill-pipeline', 'card-pipeline']);
    const usage = Object.fromEntries(table.rows.map((row) => [row.brick, row.usedBy]));
    expect(usage['errors']).toEqual({ 'backfill-pipeline': true, 'card-pipeline': true });
    expect(usage['windowing']).toEqual({ 'backfill-pipeline': false, 'card-pipeline': true });
    expect(usage['backfill-cli']).toEqual({ 'backfill-pipeline': true, 'card-pipeline': false });
  });

  it('lists components before bases and leaves out tests, tooling and projects', () => {
    expect(buildBrickTable(graph, []).rows.map(({ brick, type }) => `${type}:${brick}`)).toEqual([
      'component:cards',
      'component:errors',
      'component:kafka-source',
      'component:windowing',
      'base:backfill-cli',
      'base:card-worker',
    ]);
  });

  it('tells the bricks tagged kind:pipeline from the engine bricks', () => {
    const kinds = Object.fromEntries(buildBrickTable(graph, []).rows.map((row) => [row.brick, row.kind]));
    expect(kinds).toEqual({
      cards: 'pipeline',
      errors: 'engine',
      'kafka-source': 'engine',
      windowing: 'engine',
      'backfill-cli': 'engine',
      'card-worker': 'pipeline',
    });
  });

  it('marks a brick changed when a file under its root changed, not a sibling with a common prefix', () => {
    const table = buildBrickTable(graph, ['components/windowing/src/assign.ts', 'components/errors-extra/x.ts', 'README.md']);
    expect(table.rows.filter((row) => row.isChanged).map((row) => row.brick)).toEqual(['windowing']);
  });
});

describe('renderBrickTable()', () => {
  it('prints aligned columns with * for changed bricks and x for use', () => {
    const text = renderBrickTable(buildBrickTable(graph, ['bases/card-worker/src/main.ts']));
    expect(text.split('\n')).toEqual([
      'brick          type       kind      backfill-pipeline  card-pipeline',
      'cards          component  pipeline  -                  x',
      'errors         component  engine    x                  x',
      'kafka-source   component  engine    x                  x',
      'windowing      component  engine    -                  x',
      'backfill-cli   base       engine    x                  -',
      'card-worker *  base       pipeline  -                  x',
    ]);
  });
});
