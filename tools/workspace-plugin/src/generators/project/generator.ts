import { formatFiles, generateFiles, names, type GeneratorCallback, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { claimBrickName } from '../shared/brick-name';
import { wireWorkspace } from '../shared/wire-workspace';
import type { ProjectGeneratorSchema } from './schema';

/**
 * Creates `projects/<name>`: no source, only what deploys one base: package.json (the graph edge
 * to the base), project.json (bundle + container targets), Dockerfile and an operations README.
 */
export async function projectGenerator(
  tree: Tree,
  options: ProjectGeneratorSchema,
): Promise<GeneratorCallback | undefined> {
  const project = claimBrickName(tree, options.name);
  if (!project.fileName.endsWith('-pipeline')) {
    throw new Error(`A project is named <what>-pipeline; "${project.fileName}" is not.`);
  }
  const base = names(options.base).fileName;
  if (!tree.exists(`bases/${base}/src/main.ts`)) {
    throw new Error(
      `--base "${base}" is not a base with src/main.ts in bases/; create it first with \`nx g @fp/workspace-plugin:base ${base}\`.`,
    );
  }
  generateFiles(tree, join(__dirname, 'files'), `projects/${project.fileName}`, {
    ...project,
    base,
    template: '',
  });
  await formatFiles(tree);
  return options.skipInstall ? undefined : wireWorkspace(tree);
}

export default projectGenerator;
