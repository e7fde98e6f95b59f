import { formatFiles, generateFiles, names, readJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { baseKindOf } from '../shared/base-kind';
import { claimBrickName } from '../shared/brick-name';
import { wireWorkspace } from '../shared/wire-workspace';
import type { ProjectGeneratorSchema } from './schema';

const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * Creates `projects/<name>`: no source, only what deploys one base: package.json (the graph edge
 * to the base), project.json (bundle + container targets), Dockerfile and an operations README.
 * A `-worker` base gets the pipeline image (classic-level installed, state volume, ops port,
 * health check); a `-cli` base a plain one.
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
  const baseKind = baseKindOf(base);
  const isWorker = baseKind?.kind === 'worker';
  generateFiles(tree, join(__dirname, 'files'), `projects/${project.fileName}`, {
    ...project,
    base,
    isWorker,
    // The base generator's defaults: `card-features-worker` reads `card-features-input`, group `card-features`.
    pipelineName: baseKind?.pipelineName ?? base,
    classicLevelVersion: isWorker ? classicLevelVersion(tree) : '',
    template: '',
  });
  await formatFiles(tree);
  return options.skipInstall ? undefined : wireWorkspace(tree);
}

/**
 * The classic-level version the workspace installs: the bundle leaves this native addon external,
 * so a worker image installs exactly this one. Read from the lockfile (or the installed package),
 * never hard-coded, so a new project follows the workspace when it moves on.
 */
function classicLevelVersion(tree: Tree): string {
  const lock = tree.exists('package-lock.json')
    ? readJson<{ packages?: Record<string, { version?: unknown }> }>(tree, 'package-lock.json')
    : undefined;
  const fromLock = lock?.packages?.['node_modules/classic-level']?.version;
  if (typeof fromLock === 'string' && VERSION.test(fromLock)) return fromLock;
  const installed = 'node_modules/classic-level/package.json';
  const fromInstalled = tree.exists(installed) ? readJson<{ version?: unknown }>(tree, installed).version : undefined;
  if (typeof fromInstalled === 'string' && VERSION.test(fromInstalled)) return fromInstalled;
  throw new Error(
    'Cannot tell which classic-level version the workspace uses (neither package-lock.json nor ' +
      'node_modules/classic-level has it): a worker image installs the version the bundle was built against. ' +
      'Run `npm install` first.',
  );
}

export default projectGenerator;
