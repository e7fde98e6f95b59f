import { installPackagesTask, type GeneratorCallback, type Tree } from '@nx/devkit';
import { execSync } from 'node:child_process';

/**
 * What runs after the files are written: `npm install` links the new `@fp/*` package into
 * node_modules (and records it in the lockfile, so `npm ci` keeps working), then `nx sync`
 * adds the TypeScript project references. After this the brick is importable at once.
 */
export function wireWorkspace(tree: Tree): GeneratorCallback {
  return () => {
    installPackagesTask(tree, true);
    execSync('npx nx sync', { cwd: tree.root, stdio: 'inherit' });
  };
}
