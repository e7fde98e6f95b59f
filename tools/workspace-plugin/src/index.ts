/**
 * @fp/workspace-plugin: the local Nx generators that start every brick the same way.
 *
 * Run them through Nx: `npx nx g @fp/workspace-plugin:component my-brick --layer=core`.
 */
export { componentGenerator } from './generators/component/generator';
export { baseGenerator } from './generators/base/generator';
export { pipelineGenerator } from './generators/pipeline/generator';
export { projectGenerator } from './generators/project/generator';
