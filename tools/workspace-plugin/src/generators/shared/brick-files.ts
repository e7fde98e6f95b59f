import { generateFiles, type Tree } from '@nx/devkit';
import { join } from 'node:path';

/**
 * Writes the files every TypeScript brick shares (tsconfigs, vitest and eslint config), so that
 * components and bases stay configured identically.
 */
export function generateBrickToolingFiles(tree: Tree, brickRoot: string): void {
  generateFiles(tree, join(__dirname, 'files'), brickRoot, { template: '' });
}
