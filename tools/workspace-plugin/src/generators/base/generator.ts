import { formatFiles, generateFiles, names, type GeneratorCallback, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { generateBrickToolingFiles } from '../shared/brick-files';
import { baseKindOf } from '../shared/base-kind';
import { claimBrickName } from '../shared/brick-name';
import { wireWorkspace } from '../shared/wire-workspace';
import type { BaseGeneratorSchema } from './schema';

/**
 * Creates `bases/<name>`. A `-worker` gets a runnable pipeline worker (`@fp/worker-ops` config and
 * process, a JSON in -> placeholder step -> JSON out topology, tests); a `-cli` gets a one-shot entry
 * point with env config, structured logs and signal handling.
 */
export async function baseGenerator(tree: Tree, options: BaseGeneratorSchema): Promise<GeneratorCallback | undefined> {
  const brick = claimBrickName(tree, options.name);
  const baseKind = baseKindOf(brick.fileName);
  if (baseKind === undefined) {
    throw new Error(
      `A base is named <what>-worker (long-running) or <what>-cli (one-shot); "${brick.fileName}" is neither.`,
    );
  }
  const { kind, pipelineName } = baseKind;
  const defaultDescription =
    kind === 'worker'
      ? `Runs the ${pipelineName} pipeline on Kafka, streaming or bounded, with an ops HTTP server.`
      : `The ${brick.fileName} entry point.`;
  const brickRoot = `bases/${brick.fileName}`;
  const component = options.component === undefined ? '' : names(options.component).fileName;
  const substitutions = {
    ...brick,
    pipelineName,
    component,
    componentClassName: component === '' ? '' : names(component).className,
    description: options.description?.trim() || defaultDescription,
    template: '',
  };
  generateBrickToolingFiles(tree, brickRoot);
  generateFiles(tree, join(__dirname, 'files', 'common'), brickRoot, substitutions);
  generateFiles(tree, join(__dirname, 'files', kind), brickRoot, substitutions);
  await formatFiles(tree);
  return options.skipInstall ? undefined : wireWorkspace(tree);
}

export default baseGenerator;
