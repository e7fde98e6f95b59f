import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { componentGenerator } from './generator';

describe('component generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('creates a tagged core component with its interface, errors, README and tests', async () => {
    await componentGenerator(tree, { name: 'card-features', layer: 'core', description: 'Card features.', skipInstall: true });

    const root = 'components/card-features';
    const files = tree.children(root).sort();
    expect(files).toEqual(
      ['README.md', 'eslint.config.mjs', 'package.json', 'project.json', 'src', 'tsconfig.json', 'tsconfig.lib.json', 'tsconfig.spec.json', 'vitest.config.ts'].sort(),
    );
    expect(tree.children(`${root}/src`).sort()).toEqual(['errors.test.ts', 'errors.ts', 'index.test.ts', 'index.ts']);
    expect(readJson(tree, `${root}/project.json`)).toMatchObject({ name: 'card-features', tags: ['type:component', 'layer:core'] });
    expect(readJson(tree, `${root}/package.json`)).toMatchObject({
      name: '@fp/card-features',
      exports: { '.': { default: './src/index.ts' } },
      dependencies: { '@fp/errors': '*' },
    });
    const errors = tree.read(`${root}/src/errors.ts`, 'utf8');
    expect(errors).toContain("export const cardFeaturesErrorCodes = ['CARD_FEATURES_INVALID_OPTIONS'] as const;");
    expect(errors).toContain('export class CardFeaturesError extends PipelineError<CardFeaturesErrorCode>');
    expect(tree.read(`${root}/README.md`, 'utf8')).toContain('`CARD_FEATURES_INVALID_OPTIONS`');
    expect(tree.read(`${root}/src/index.ts`, 'utf8')).toContain('@fp/card-features: Card features.');
  });

  it('tags an io component layer:io', async () => {
    await componentGenerator(tree, { name: 'kafka-thing', layer: 'io', skipInstall: true });
    expect(readJson(tree, 'components/kafka-thing/project.json').tags).toEqual(['type:component', 'layer:io']);
  });

  it('normalises the name to kebab-case', async () => {
    await componentGenerator(tree, { name: 'CardFeatures', skipInstall: true });
    expect(tree.exists('components/card-features/src/index.ts')).toBe(true);
  });

  it('refuses a name already used by a component, a base or a project', async () => {
    await componentGenerator(tree, { name: 'windowing', skipInstall: true });
    await expect(componentGenerator(tree, { name: 'windowing', skipInstall: true })).rejects.toThrow(
      /"windowing" already exists in components\//,
    );
    tree.write('bases/flight-worker/project.json', '{"name":"flight-worker"}');
    await expect(componentGenerator(tree, { name: 'flight-worker', skipInstall: true })).rejects.toThrow(/already exists in bases\//);
  });

  it('refuses a name that is not kebab-case letters and digits', async () => {
    await expect(componentGenerator(tree, { name: '9lives', skipInstall: true })).rejects.toThrow(/not a valid brick name/);
  });

  it('refuses an unknown layer', async () => {
    // A CLI user can pass anything; the schema enum guards the CLI, this guards programmatic calls.
    await expect(componentGenerator(tree, { name: 'x', layer: 'ui' as 'core', skipInstall: true })).rejects.toThrow(
      /--layer must be "core" or "io"/,
    );
  });
});
