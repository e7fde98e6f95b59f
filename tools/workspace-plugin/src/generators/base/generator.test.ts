import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { componentGenerator } from '../component/generator';
import { importedPackages } from '../shared/imported-packages';
import { baseGenerator } from './generator';

describe('base generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  describe('a -worker name', () => {
    const root = 'bases/card-features-worker';
    const read = (path: string) => tree.read(`${root}/${path}`, 'utf8') ?? '';

    beforeEach(async () => {
      await baseGenerator(tree, { name: 'card-features-worker', skipInstall: true });
    });

    it('creates a type:base worker: config, topology, run, main, index and their tests', () => {
      expect(tree.children(`${root}/src`).sort()).toEqual([
        'config.test.ts',
        'config.ts',
        'index.test.ts',
        'index.ts',
        'main.ts',
        'run-card-features-worker.ts',
        'topology.test.ts',
        'topology.ts',
      ]);
      expect(readJson(tree, `${root}/project.json`)).toMatchObject({
        name: 'card-features-worker',
        sourceRoot: 'bases/card-features-worker/src',
        tags: ['type:base'],
      });
    });

    it('depends on exactly what its code imports (test-only bricks as devDependencies)', () => {
      const packageJson = readJson(tree, `${root}/package.json`);
      expect(packageJson).toMatchObject({
        name: '@fp/card-features-worker',
        description: 'Runs the card-features pipeline on Kafka, streaming or bounded, with an ops HTTP server.',
      });
      expect(packageJson.dependencies).toEqual({
        '@fp/log': '*',
        '@fp/serdes': '*',
        '@fp/topology': '*',
        '@fp/worker-ops': '*',
        zod: '^4.1.0',
      });
      expect(packageJson.devDependencies).toEqual({ '@fp/env-config': '*', '@fp/stream-runtime': '*' });
      expect(importedPackages(tree, root)).toEqual(
        Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies }).sort(),
      );
    });

    it('reads the shared worker variables plus INPUT_TOPIC and OUTPUT_TOPIC, named after the pipeline', () => {
      const config = read('src/config.ts');
      expect(config).toContain(
        "...workerEnvShape({ clientId: 'card-features-worker', applicationId: 'card-features' })",
      );
      expect(config).toContain("INPUT_TOPIC: topicName('card-features-input')");
      expect(config).toContain("OUTPUT_TOPIC: topicName('card-features-output')");
      expect(config).toContain('export interface CardFeaturesWorkerConfig');
      expect(config).toContain('worker: workerSettingsFromEnv(parsed, argv)');
      expect(config).toContain('IDLE_TIMEOUT_MS: z.coerce');
      expect(config).toContain('...outputTopicsEnvShape,');
      expect(config).toContain('outputTopics: outputTopicSettingsFromEnv(parsed)');
    });

    it('creates its output topics at start and passes IDLE_TIMEOUT_MS to its source', () => {
      expect(read('src/run-card-features-worker.ts')).toContain('outputTopics: config.outputTopics,');
      expect(read('src/topology.ts')).toContain('{ idleTimeoutMs: config.idleTimeoutMs }');
      // Several partitions hold event time back until each has seen records: a copied windowed test would never fire.
      expect(read('src/topology.test.ts')).not.toMatch(/partitions: [2-9]/);
    });

    it('runs through runWorkerProcess and startWorker, with a pure JSON topology and one placeholder step', () => {
      expect(read('src/main.ts')).toContain(
        "runWorkerProcess(\n  'card-features-worker',\n  () => loadConfig(process.env, process.argv),\n  (config, log) => runCardFeaturesWorker(config, { log }),\n);",
      );
      const run = read('src/run-card-features-worker.ts');
      expect(run).toContain(
        'export function runCardFeaturesWorker(config: CardFeaturesWorkerConfig, options: RunOptions)',
      );
      expect(run).toContain('startWorker({');
      const topology = read('src/topology.ts');
      expect(topology).toContain('export function buildTopology(config: CardFeaturesWorkerConfig): Topology');
      expect(topology).toContain('createTopology(config.worker.applicationId)');
      expect(topology).toContain('onDeserializationError: config.worker.onBadRecord');
      expect(topology).toContain('PLACEHOLDER');
      expect(topology).toContain(".mapValues('transform', (value) => value)");
      expect(read('src/topology.test.ts')).toContain("driver.output('card-features-output')");
      expect(read('src/index.test.ts')).toContain(
        "['buildTopology', 'configShape', 'loadConfig', 'runCardFeaturesWorker']",
      );
    });

    it('documents how to run it and every variable it adds', () => {
      const readme = read('README.md');
      expect(readme).toContain('npx tsx bases/card-features-worker/src/main.ts');
      expect(readme).toContain('eval "$(bash tools/local-services/services.sh env)"');
      expect(readme).toMatch(/\| `INPUT_TOPIC` +\| `card-features-input` +\|/);
      expect(readme).toMatch(/\| `OUTPUT_TOPIC` +\| `card-features-output` +\|/);
      expect(readme).toContain('(../../components/worker-ops/README.md)');
      for (const variable of [
        'KAFKA_BROKERS',
        'APPLICATION_ID',
        'MODE',
        'STATE_DIR',
        'HTTP_PORT',
        'STREAM_THREADS',
        'IDLE_TIMEOUT_MS',
        'OUTPUT_TOPIC_PARTITIONS',
        'OUTPUT_TOPIC_RETENTION_MS',
      ]) {
        expect(readme).toContain(`\`${variable}\``);
      }
    });
  });

  describe('a -cli name', () => {
    it('keeps the one-shot skeleton: env config, logger, stop on SIGTERM/SIGINT', async () => {
      await baseGenerator(tree, { name: 'backfill-cli', skipInstall: true });
      const root = 'bases/backfill-cli';
      expect(tree.children(`${root}/src`).sort()).toEqual(['config.test.ts', 'config.ts', 'index.ts', 'main.ts']);
      expect(readJson(tree, `${root}/project.json`)).toMatchObject({ name: 'backfill-cli', tags: ['type:base'] });
      expect(readJson(tree, `${root}/package.json`)).toMatchObject({
        description: 'The backfill-cli entry point.',
        dependencies: { '@fp/env-config': '*', '@fp/log': '*', zod: '^4.1.0' },
      });
      expect(readJson(tree, `${root}/package.json`)).not.toHaveProperty('devDependencies');
      const main = tree.read(`${root}/src/main.ts`, 'utf8');
      expect(main).toContain("createLogger({ name: 'backfill-cli'");
      expect(main).toContain("'SIGTERM', 'SIGINT'");
      expect(main).not.toContain('worker-ops');
      expect(tree.read(`${root}/src/config.ts`, 'utf8')).toContain('export interface BackfillCliConfig');
    });
  });

  it('uses --description in package.json, the README and the index', async () => {
    await baseGenerator(tree, { name: 'scoring-worker', description: 'Scores events.', skipInstall: true });
    expect(readJson(tree, 'bases/scoring-worker/package.json').description).toBe('Scores events.');
    expect(tree.read('bases/scoring-worker/README.md', 'utf8')).toContain('Scores events.');
    expect(tree.read('bases/scoring-worker/src/index.ts', 'utf8')).toContain('@fp/scoring-worker: Scores events.');
  });

  it('refuses names that are neither -worker nor -cli', async () => {
    await expect(baseGenerator(tree, { name: 'backfill', skipInstall: true })).rejects.toThrow(
      /<what>-worker .* or <what>-cli/,
    );
    await expect(baseGenerator(tree, { name: 'worker-thing', skipInstall: true })).rejects.toThrow(/is neither/);
  });

  it('refuses the name of an existing component', async () => {
    await componentGenerator(tree, { name: 'thing-worker', skipInstall: true });
    await expect(baseGenerator(tree, { name: 'thing-worker', skipInstall: true })).rejects.toThrow(
      /already exists in components\//,
    );
  });
});
