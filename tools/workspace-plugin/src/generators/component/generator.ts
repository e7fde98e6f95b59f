import { formatFiles, generateFiles, type GeneratorCallback, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { generateBrickToolingFiles } from '../shared/brick-files';
import { claimBrickName } from '../shared/brick-name';
import { wireWorkspace } from '../shared/wire-workspace';
import type { ComponentGeneratorSchema } from './schema';

/** Creates `components/<name>`: a tagged Nx project with an index, an error vocabulary and real tests. */
export async function componentGenerator(
  tree: Tree,
  options: ComponentGeneratorSchema,
): Promise<GeneratorCallback | undefined> {
  const brick = claimBrickName(tree, options.name);
  const layer = options.layer ?? 'core';
  if (layer !== 'core' && layer !== 'io') {
    throw new Error(`--layer must be "core" or "io", got "${String(layer)}".`);
  }
  const brickRoot = `components/${brick.fileName}`;
  generateBrickToolingFiles(tree, brickRoot);
  generateFiles(tree, join(__dirname, 'files'), brickRoot, {
    ...brick,
    layer,
    description: options.description?.trim() || `The ${brick.fileName} component.`,
    template: '',
  });
  await formatFiles(tree);
  return options.skipInstall ? undefined : wireWorkspace(tree);
}

export default componentGenerator;
