import { readJson, writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { componentGenerator } from '../component/generator';
import { importedPackages } from '../shared/imported-packages';
import { pipelineGenerator } from './generator';

function declaredPackages(tree: Tree, root: string): string[] {
  const packageJson = readJson(tree, `${root}/package.json`);
  return Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies }).sort();
}

describe('pipeline generator', () => {
  let tree: Tree;
  const read = (path: string) => tree.read(path, 'utf8') ?? '';

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    // The worker image installs the lockfile's classic-level.
    writeJson(tree, 'package-lock.json', { packages: { 'node_modules/classic-level': { version: '9.9.9' } } });
  });

  describe('page-views', () => {
    beforeEach(async () => {
      await pipelineGenerator(tree, { name: 'page-views', skipInstall: true });
    });

    it('creates the component, the worker base and the project, each tagged kind:pipeline', () => {
      expect(readJson(tree, 'components/page-views/project.json').tags).toEqual([
        'type:component',
        'layer:core',
        'kind:pipeline',
      ]);
      expect(readJson(tree, 'bases/page-views-worker/project.json').tags).toEqual(['type:base', 'kind:pipeline']);
      expect(readJson(tree, 'projects/page-views-pipeline/project.json').tags).toEqual([
        'type:project',
        'kind:pipeline',
      ]);
      expect(readJson(tree, 'projects/page-views-pipeline/package.json').dependencies).toEqual({
        '@fp/page-views-worker': '*',
      });
    });

    it('puts the records and a windowed topology with its tests in the component', () => {
      expect(tree.children('components/page-views/src').sort()).toEqual([
        'errors.test.ts',
        'errors.ts',
        'index.test.ts',
        'index.ts',
        'page-views-records.ts',
        'page-views-topology.test.ts',
        'page-views-topology.ts',
      ]);
      const topology = read('components/page-views/src/page-views-topology.ts');
      expect(topology).toContain('export function buildPageViewsTopology(options: PageViewsTopologyOptions): Topology');
      expect(topology).toContain('export const PAGE_VIEWS_WINDOW_MS = 5 * 60_000;');
      expect(topology).toContain('export const PAGE_VIEWS_ALLOWED_LATENESS_MS = 60_000;');
      expect(topology).toMatch(/\.windowedBy\(\s*tumbling\(\{ sizeMs: PAGE_VIEWS_WINDOW_MS, allowedLatenessMs: PAGE_VIEWS_ALLOWED_LATENESS_MS \}\)/);
      expect(read('components/page-views/src/page-views-records.ts')).toContain('export const pageViewsEventSchema');
      const test = read('components/page-views/src/page-views-topology.test.ts');
      // The windows must fire in the generated test: one partition, so event time moves with every event.
      expect(test).toContain('createTestDriver(buildPageViewsTopology(options))');
      expect(test).not.toMatch(/partitions: [2-9]/);
      expect(test).toContain("{ key: 'alice', window_start: 0, window_end: 5 * MINUTE_MS, events: 2 }");
      expect(read('components/page-views/src/index.ts')).toContain('buildPageViewsTopology,');
    });

    it('has the worker run the component topology, with IDLE_TIMEOUT_MS and output topic creation', () => {
      const topology = read('bases/page-views-worker/src/topology.ts');
      expect(topology).toContain("import { buildPageViewsTopology } from '@fp/page-views';");
      expect(topology).toContain('{ idleTimeoutMs: config.idleTimeoutMs }');
      expect(topology).not.toContain('PLACEHOLDER');
      expect(read('bases/page-views-worker/src/config.ts')).toContain('IDLE_TIMEOUT_MS');
      expect(read('bases/page-views-worker/src/run-page-views-worker.ts')).toContain('outputTopics: config.outputTopics,');
      expect(read('bases/page-views-worker/src/topology.test.ts')).toContain("loadConfig({ IDLE_TIMEOUT_MS: '30000' })");
      const readme = read('bases/page-views-worker/README.md');
      expect(readme).toContain('(../../components/page-views/README.md)');
      expect(readme).toContain('development/produce-records.ts --topic page-views-input');
      expect(readme).not.toContain('placeholder');
    });

    it('declares exactly the packages each brick imports', () => {
      for (const root of ['components/page-views', 'bases/page-views-worker']) {
        expect(declaredPackages(tree, root)).toEqual(importedPackages(tree, root));
      }
      expect(readJson(tree, 'bases/page-views-worker/package.json').dependencies).toHaveProperty('@fp/page-views', '*');
    });
  });

  it('refuses a name that is a brick of a pipeline, saying which name to give', async () => {
    await expect(pipelineGenerator(tree, { name: 'page-views-worker', skipInstall: true })).rejects.toThrow(
      /"page-views" creates page-views, its -worker and its -pipeline/,
    );
  });

  it('generates nothing when one of the three names is taken', async () => {
    await componentGenerator(tree, { name: 'clicks-worker', skipInstall: true });
    await expect(pipelineGenerator(tree, { name: 'clicks', skipInstall: true })).rejects.toThrow(
      /"clicks-worker" already exists in components\//,
    );
    expect(tree.exists('components/clicks')).toBe(false);
  });
});
