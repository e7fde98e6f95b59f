/**
 * The top self-time functions of a V8 `.cpuprofile` (from `node --cpu-prof`), to see where a
 * benchmark spends its time. `--inclusive=name,name` adds the total time spent inside each named
 * function (itself and everything it called, counted once per sample however deep the recursion),
 * to weigh whole paths such as a producer's encoding or a batch's processing.
 *
 *   npx tsx development/bench/summarize-profile.ts <file.cpuprofile> [--top=30] [--inclusive=processBatch,send]
 */
import { readFileSync } from 'node:fs';
import { numberArg, stringArg } from './bench-result';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: summarize-profile.ts <file.cpuprofile> [--top=30] [--inclusive=a,b]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const inclusiveNames = stringArg('inclusive', '')
  .split(',')
  .filter((name) => name !== '');

const selfUs = new Map<string, number>();
const inclusiveUs = new Map<string, number>(inclusiveNames.map((name) => [name, 0]));
let totalUs = 0;
profile.samples.forEach((id, index) => {
  const node = byId.get(id);
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const name = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(components|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  const deltaUs = profile.timeDeltas[index] ?? 0;
  selfUs.set(name, (selfUs.get(name) ?? 0) + deltaUs);
  totalUs += deltaUs;
  if (inclusiveNames.length === 0) return;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frameName = byId.get(at)?.callFrame.functionName ?? '';
    if (inclusiveUs.has(frameName) && !seen.has(frameName)) {
      seen.add(frameName);
      inclusiveUs.set(frameName, (inclusiveUs.get(frameName) ?? 0) + deltaUs);
    }
  }
});
const line = (us: number, name: string): string =>
  `${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`;
for (const [name, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, numberArg('top', 30))) {
  console.log(line(us, name));
}
if (inclusiveNames.length > 0) console.log('inclusive:');
for (const [name, us] of inclusiveUs) console.log(line(us, name));
