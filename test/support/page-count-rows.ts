import type { Kafka } from 'kafkajs';
import { describePageCount } from './page-counts';
import { readTopicUntil } from './read-topic';

// Apart from page-counts.ts: the page-counts worker process imports that file, and read-topic
// brings in vitest, which only loads inside a test run.

/**
 * Reads the counts topic until every `expected` row was seen, and returns the distinct rows it
 * read, sorted: equal to `expected` unless a row the driver never wrote (a wrong count) came too.
 */
export async function readDistinctCountRows(
  kafka: Kafka,
  topic: string,
  expected: readonly string[],
): Promise<string[]> {
  const written = await readTopicUntil(kafka, topic, (records) => {
    const seen = new Set(records.map(({ key, value }) => describePageCount(key, value)));
    return expected.every((row) => seen.has(row));
  });
  return [...new Set(written.map(({ key, value }) => describePageCount(key, value)))].sort();
}
