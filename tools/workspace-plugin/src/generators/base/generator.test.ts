import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { componentGenerator } from '../component/generator';
import { baseGenerator } from './generator';

describe('base generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('creates a type:base brick with main, config and a config test', async () => {
    await baseGenerator(tree, { name: 'card-features-worker', skipInstall: true });
    const root = 'bases/card-features-worker';
    expect(tree.children(`${root}/src`).sort()).toEqual(['config.test.ts', 'config.ts', 'index.ts', 'main.ts']);
    expect(readJson(tree, `${root}/project.json`)).toMatchObject({ name: 'card-features-worker', tags: ['type:base'] });
    expect(readJson(tree, `${root}/package.json`).dependencies).toEqual({ '@fp/env-config': '*', '@fp/log': '*', zod: '^4.1.0' });
    const main = tree.read(`${root}/src/main.ts`, 'utf8');
    expect(main).toContain("createLogger({ name: 'card-features-worker'");
    expect(main).toContain("'SIGTERM', 'SIGINT'");
    expect(tree.read(`${root}/src/config.ts`, 'utf8')).toContain('export interface CardFeaturesWorkerConfig');
  });

  it('accepts -cli names and refuses names that are neither -worker nor -cli', async () => {
    await baseGenerator(tree, { name: 'backfill-cli', skipInstall: true });
    expect(tree.exists('bases/backfill-cli/src/main.ts')).toBe(true);
    await expect(baseGenerator(tree, { name: 'backfill', skipInstall: true })).rejects.toThrow(/<what>-worker .* or <what>-cli/);
  });

  it('refuses the name of an existing component', async () => {
    await componentGenerator(tree, { name: 'thing-worker', skipInstall: true });
    await expect(baseGenerator(tree, { name: 'thing-worker', skipInstall: true })).rejects.toThrow(/already exists in components\//);
  });
});
