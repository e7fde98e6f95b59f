import { formatFiles, generateFiles, type GeneratorCallback, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { generateBrickToolingFiles } from '../shared/brick-files';
import { claimBrickName } from '../shared/brick-name';
import { wireWorkspace } from '../shared/wire-workspace';
import type { BaseGeneratorSchema } from './schema';

const BASE_NAME = /-(worker|cli)$/;

/** Creates `bases/<name>`: a thin entry point with env config, structured logs and signal handling. */
export async function baseGenerator(tree: Tree, options: BaseGeneratorSchema): Promise<GeneratorCallback | undefined> {
  const brick = claimBrickName(tree, options.name);
  if (!BASE_NAME.test(brick.fileName)) {
    throw new Error(
      `A base is named <what>-worker (long-running) or <what>-cli (one-shot); "${brick.fileName}" is neither.`,
    );
  }
  const brickRoot = `bases/${brick.fileName}`;
  generateBrickToolingFiles(tree, brickRoot);
  generateFiles(tree, join(__dirname, 'files'), brickRoot, {
    ...brick,
    description: options.description?.trim() || `The ${brick.fileName} entry point.`,
    template: '',
  });
  await formatFiles(tree);
  return options.skipInstall ? undefined : wireWorkspace(tree);
}

export default baseGenerator;
