import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { baseGenerator } from '../base/generator';
import { projectGenerator } from './generator';

describe('project generator', () => {
  let tree: Tree;

  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    await baseGenerator(tree, { name: 'card-features-worker', skipInstall: true });
  });

  it('creates a source-free project that bundles its base and builds a non-root image', async () => {
    await projectGenerator(tree, { name: 'card-features-pipeline', base: 'card-features-worker', skipInstall: true });
    const root = 'projects/card-features-pipeline';
    expect(tree.children(root).sort()).toEqual(['Dockerfile', 'README.md', 'package.json', 'project.json']);
    expect(readJson(tree, `${root}/package.json`).dependencies).toEqual({ '@fp/card-features-worker': '*' });
    const project = readJson(tree, `${root}/project.json`);
    expect(project.tags).toEqual(['type:project']);
    expect(project.targets.bundle.options.command).toContain(
      'esbuild bases/card-features-worker/src/main.ts --bundle --platform=node',
    );
    expect(project.targets.bundle.options.command).toContain('--outfile=dist/projects/card-features-pipeline/main.cjs');
    expect(project.targets.container.dependsOn).toEqual(['bundle']);
    const dockerfile = tree.read(`${root}/Dockerfile`, 'utf8') ?? '';
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('refuses a base that does not exist, saying how to create it', async () => {
    await expect(projectGenerator(tree, { name: 'x-pipeline', base: 'missing-worker', skipInstall: true })).rejects.toThrow(
      /--base "missing-worker" is not a base.*nx g @fp\/workspace-plugin:base missing-worker/,
    );
  });

  it('refuses names that do not end in -pipeline', async () => {
    await expect(projectGenerator(tree, { name: 'card-features', base: 'card-features-worker', skipInstall: true })).rejects.toThrow(
      /<what>-pipeline/,
    );
  });
});
