import { formatFiles, generateFiles, names, updateJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { PIPELINE_KIND_TAG } from '../../poly/brick-table';
import { baseGenerator } from '../base/generator';
import { claimBrickName } from '../shared/brick-name';
import { componentGenerator } from '../component/generator';
import { projectGenerator } from '../project/generator';
import { wireWorkspace } from '../shared/wire-workspace';
import type { PipelineGeneratorSchema } from './schema';

/** The suffixes of a pipeline's base and project: a pipeline's own name has none. */
const BRICK_SUFFIX = /-(worker|cli|pipeline)$/;

/**
 * Creates a whole pipeline with the component, base and project generators: `components/<name>`
 * (records and a windowed topology, tested on the test driver), `bases/<name>-worker` (a worker
 * that runs it) and `projects/<name>-pipeline` (its deployable), all tagged `kind:pipeline`.
 */
export async function pipelineGenerator(
  tree: Tree,
  options: PipelineGeneratorSchema,
): Promise<GeneratorCallback | undefined> {
  const brick = claimBrickName(tree, options.name);
  const pipelineName = brick.fileName.replace(BRICK_SUFFIX, '');
  if (pipelineName !== brick.fileName) {
    throw new Error(
      `Name the pipeline, not one of its bricks: "${pipelineName}" creates ${pipelineName}, its -worker and its -pipeline.`,
    );
  }
  const worker = `${brick.fileName}-worker`;
  const project = `${brick.fileName}-pipeline`;
  // Every name first, so a taken one leaves nothing half-generated.
  claimBrickName(tree, worker);
  claimBrickName(tree, project);
  const description =
    options.description?.trim() || `Events per key in 5-minute windows: the ${brick.fileName} pipeline.`;

  await componentGenerator(tree, { name: brick.fileName, layer: 'core', description, skipInstall: true });
  await baseGenerator(tree, { name: worker, component: brick.fileName, skipInstall: true });
  const substitutions = {
    ...brick,
    pipelineName: brick.fileName,
    workerClassName: names(worker).className,
    description,
    template: '',
  };
  generateFiles(tree, join(__dirname, 'files', 'component'), `components/${brick.fileName}`, substitutions);
  generateFiles(tree, join(__dirname, 'files', 'base'), `bases/${worker}`, substitutions);
  updateJson(tree, `components/${brick.fileName}/package.json`, (packageJson) => ({
    ...packageJson,
    dependencies: {
      ...packageJson.dependencies,
      '@fp/serdes': '*',
      '@fp/topology': '*',
      '@fp/windowing': '*',
      zod: '^4.1.0',
    },
    devDependencies: { '@fp/stream-runtime': '*' },
  }));
  updateJson(tree, `bases/${worker}/package.json`, (packageJson) => {
    // The base now only wires the component: the serdes are the component's.
    const dependencies = { [`@fp/${brick.fileName}`]: '*', ...(packageJson.dependencies as Record<string, string>) };
    delete dependencies['@fp/serdes'];
    return { ...packageJson, dependencies };
  });
  await projectGenerator(tree, { name: project, base: worker, skipInstall: true });
  for (const root of [`components/${brick.fileName}`, `bases/${worker}`, `projects/${project}`]) {
    updateJson(tree, `${root}/project.json`, (projectJson) => ({
      ...projectJson,
      tags: [...(projectJson.tags ?? []), PIPELINE_KIND_TAG],
    }));
  }
  await formatFiles(tree);
  return options.skipInstall ? undefined : wireWorkspace(tree);
}

export default pipelineGenerator;
