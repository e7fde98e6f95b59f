import { createSilentLogger } from '@fp/log';
import { describe, expect, it } from 'vitest';
import { createRepartitionPurger } from './repartition-purge';

function setUp(options: { failFirst?: boolean } = {}) {
  let nowMs = 0;
  let failuresLeft = options.failFirst ? 1 : 0;
  const deleted: { topic: string; offsets: { partition: number; offset: string }[] }[] = [];
  const purger = createRepartitionPurger({
    admin: {
      deleteRecordsBefore: async (topic, offsets) => {
        if (failuresLeft-- > 0) throw new Error('broker unavailable');
        deleted.push({ topic, offsets: [...offsets] });
      },
    },
    repartitionTopics: ['app-by-page-repartition'],
    now: () => nowMs,
    log: createSilentLogger(),
    intervalMs: 30_000,
  });
  return { purger, deleted, advance: (ms: number) => (nowMs += ms) };
}

describe('repartition purger', () => {
  it('deletes below the latest committed offsets of repartition partitions, at most once per interval', async () => {
    const { purger, deleted, advance } = setUp();
    await purger.committed([
      { topic: 'clicks', partition: 0, offset: '50' },
      { topic: 'app-by-page-repartition', partition: 0, offset: '10' },
    ]);
    expect(deleted).toEqual([]); // not due yet
    advance(30_000);
    await purger.committed([
      { topic: 'app-by-page-repartition', partition: 0, offset: '12' },
      { topic: 'app-by-page-repartition', partition: 1, offset: '7' },
    ]);
    expect(deleted).toEqual([
      {
        topic: 'app-by-page-repartition',
        offsets: [
          { partition: 0, offset: '12' },
          { partition: 1, offset: '7' },
        ],
      },
    ]);
    advance(1_000);
    await purger.committed([{ topic: 'app-by-page-repartition', partition: 0, offset: '20' }]);
    expect(deleted).toHaveLength(1);
  });

  it('never touches source topics', async () => {
    const { purger, deleted, advance } = setUp();
    advance(60_000);
    await purger.committed([{ topic: 'clicks', partition: 0, offset: '50' }]);
    expect(deleted).toEqual([]);
  });

  it('keeps the offsets of a failed purge for the next interval', async () => {
    const { purger, deleted, advance } = setUp({ failFirst: true });
    advance(30_000);
    await purger.committed([{ topic: 'app-by-page-repartition', partition: 0, offset: '10' }]);
    expect(deleted).toEqual([]);
    advance(30_000);
    await purger.committed([{ topic: 'app-by-page-repartition', partition: 1, offset: '4' }]);
    expect(deleted).toEqual([
      {
        topic: 'app-by-page-repartition',
        offsets: [
          { partition: 0, offset: '10' },
          { partition: 1, offset: '4' },
        ],
      },
    ]);
  });
});
