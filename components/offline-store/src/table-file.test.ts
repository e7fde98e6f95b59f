import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTableFile, writeTableFile } from './table-file';

describe('table files', () => {
  it('writes and reads back rows as Parquet and CSV, integers as numbers, nulls kept and dates as text', async () => {
    const root = await mkdtemp(join(tmpdir(), 'table-file-'));
    try {
      const rows = [
        {
          tid: 'a',
          datetime: 1_767_225_600_000,
          cc_num: 4_000_000_000_001,
          amount: 12.5,
          departs: '2024-03-31T01:30:00',
          on: '2024-03-31',
          ok: true,
        },
        {
          tid: null,
          datetime: 1_767_225_600_001,
          cc_num: 7,
          amount: 2,
          departs: '2024-03-31T03:30:00',
          on: null,
          ok: false,
        },
      ];
      for (const file of ['rows.parquet', 'rows.csv']) {
        await writeTableFile(join(root, file), rows);
        expect(await readTableFile(join(root, file))).toEqual(rows);
      }
      await expect(readTableFile(join(root, 'rows.json'))).rejects.toThrow('must be .parquet or .csv');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
