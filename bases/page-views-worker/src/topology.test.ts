import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { buildTopology } from './topology';

const MINUTE_MS = 60_000;
const view = (minute: number) => ({ page: '/home', viewed_at: minute * MINUTE_MS });

describe('buildTopology()', () => {
  it('reads INPUT_TOPIC and writes a row per key and window to OUTPUT_TOPIC', () => {
    const driver = createTestDriver(buildTopology(loadConfig({ INPUT_TOPIC: 'in', OUTPUT_TOPIC: 'out' })));
    driver.pipe('in', 'k', view(1));
    driver.endInput(); // as a bounded run ends: every window fires
    expect(driver.output('out').map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'k', value: { user_id: 'k', window_start: 0, window_end: 5 * MINUTE_MS, views: 1, distinct_pages: 1 } },
    ]);
  });

  it("fires a key's windows with the event time of its own partition", () => {
    const driver = createTestDriver(buildTopology(loadConfig({})), { partitions: 2 });
    driver.pipe('page-views-input', 'k', view(1), 0, 0);
    expect(driver.output('page-views-output')).toEqual([]);
    // Partition 0 passes the end of [0, 5 min); partition 1, which has seen nothing, does not hold it back.
    driver.pipe('page-views-input', 'k', view(6), 0, 0);
    expect(driver.output('page-views-output').map(({ value }) => value)).toEqual([
      { user_id: 'k', window_start: 0, window_end: 5 * MINUTE_MS, views: 1, distinct_pages: 1 },
    ]);
  });

  it('gives IDLE_TIMEOUT_MS to the source', () => {
    const sources = buildTopology(loadConfig({ IDLE_TIMEOUT_MS: '30000' })).nodes.filter(
      (node) => node.kind === 'source',
    );
    expect(sources.map((node) => node.options.idleTimeoutMs)).toEqual([30_000]);
  });

  it('applies ON_BAD_RECORD to records that are not events', () => {
    const driver = createTestDriver(buildTopology(loadConfig({ ON_BAD_RECORD: 'dead-letter' })));
    driver.pipeBytes('page-views-input', Buffer.from('k'), Buffer.from('not json'), 1);
    driver.pipeBytes('page-views-input', Buffer.from('k'), Buffer.from('{"id": 1}'), 2);
    expect(driver.deadLetters()).toHaveLength(2);
  });
});
