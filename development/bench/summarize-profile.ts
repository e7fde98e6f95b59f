/**
 * The top self-time functions of a V8 `.cpuprofile` (from `node --cpu-prof`), to see where a
 * benchmark spends its time.
 *
 *   npx tsx development/bench/summarize-profile.ts <file.cpuprofile> [--top=30]
 */
import { readFileSync } from 'node:fs';
import { numberArg } from './bench-result';

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
if (file === undefined) throw new Error('usage: summarize-profile.ts <file.cpuprofile> [--top=30]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<string, number>();
let totalUs = 0;
profile.samples.forEach((id, index) => {
  const node = byId.get(id);
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const name = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(components|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  const deltaUs = profile.timeDeltas[index] ?? 0;
  selfUs.set(name, (selfUs.get(name) ?? 0) + deltaUs);
  totalUs += deltaUs;
});
const top = [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, numberArg('top', 30));
for (const [name, us] of top) {
  console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
}
