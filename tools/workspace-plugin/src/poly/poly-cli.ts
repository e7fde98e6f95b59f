import { createProjectGraphAsync } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { buildBrickTable, renderBrickTable } from './brick-table';

const USAGE = `usage: npm run poly -- info [--since <git-ref>]

  info     the brick x project table: which components and bases each deployable project uses
           (x), computed from the Nx project graph; * marks bricks changed since <git-ref>
           (default: main, or the latest tag when --since=tag), including uncommitted changes.`;

/** Entry point of `npm run poly -- info`, the Polylith `poly info` view over the Nx graph. */
async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'info') {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = command === undefined || command === '--help' ? 0 : 2;
    return;
  }
  const sinceIndex = rest.indexOf('--since');
  const since = resolveRef(sinceIndex >= 0 ? rest[sinceIndex + 1] : 'main');
  const graph = await createProjectGraphAsync({ exitOnError: true });
  const table = buildBrickTable(graph, changedFilesSince(since));
  process.stdout.write(`${renderBrickTable(table)}\n\n* changed since ${since}\n`);
}

function git(args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

function resolveRef(requested: string | undefined): string {
  if (requested === 'tag') {
    return git(['describe', '--tags', '--abbrev=0']);
  }
  return requested ?? 'main';
}

/** Files changed between the merge base with `ref` and the working tree, plus untracked ones. */
function changedFilesSince(ref: string): string[] {
  const base = git(['merge-base', ref, 'HEAD']);
  const changed = git(['diff', '--name-only', base]);
  const untracked = git(['ls-files', '--others', '--exclude-standard']);
  return [...changed.split('\n'), ...untracked.split('\n')].filter((file) => file.length > 0);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`poly: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
