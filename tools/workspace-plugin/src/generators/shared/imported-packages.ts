import type { Tree } from '@nx/devkit';

/**
 * The packages the source files of a brick import, sorted: `@fp/stream-runtime/testing` counts as
 * `@fp/stream-runtime`; relative imports, `vitest` and Node built-ins are left out. Generator tests
 * compare it with the brick's package.json, so a generated brick declares exactly what it uses.
 */
export function importedPackages(tree: Tree, brickRoot: string): string[] {
  const imported = new Set<string>();
  for (const file of tree.children(`${brickRoot}/src`)) {
    const source = tree.read(`${brickRoot}/src/${file}`, 'utf8') ?? '';
    for (const [, specifier = ''] of source.matchAll(/from '([^'.][^']*)'/g)) {
      imported.add(
        specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/'),
      );
    }
  }
  return [...imported].filter((name) => name !== 'vitest' && !name.startsWith('node:')).sort();
}
