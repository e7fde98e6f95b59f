import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** docs/tutorial-first-pipeline.md quotes this brick: each of its TypeScript blocks must still be here. */
const tutorial = readFileSync(new URL('../../../docs/tutorial-first-pipeline.md', import.meta.url), 'utf8');
const sourceDir = new URL('./', import.meta.url);

/** Lines without their indentation (the doc's blocks are dedented), blank ones dropped. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

const sources = readdirSync(sourceDir)
  .filter((file) => file.endsWith('.ts') && file !== 'tutorial.test.ts')
  .map((file) => ({ file, lines: lines(readFileSync(new URL(file, sourceDir), 'utf8')) }));

const blocks = [...tutorial.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code = '']) => lines(code));

const containsRun = (haystack: readonly string[], needle: readonly string[]) =>
  haystack.some((_, start) => needle.every((line, offset) => haystack[start + offset] === line));

describe('docs/tutorial-first-pipeline.md', () => {
  it('quotes the records, the aggregator, the chain and the test', () => {
    expect(blocks).toHaveLength(4);
  });

  it.each(blocks.map((block, index) => [index + 1, block] as const))(
    'has block %i word for word in a source file of this brick',
    (_index, block) => {
      expect(sources.filter(({ lines: source }) => containsRun(source, block)).map(({ file }) => file)).not.toEqual([]);
    },
  );
});
