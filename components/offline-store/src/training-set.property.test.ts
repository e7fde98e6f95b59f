import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOfflineStore } from './offline-store';
import { ALLOWED_LATENESS_MS, OUT_OF_ORDERNESS_MS, scoreView, windowView } from './test-fixtures';
import { buildTrainingSet } from './training-set';
import { archive, readTable, writeLabelsCsv, type FeatureRecord } from './training-set-test-kit';
import type { ScoreRow, WindowRow } from './test-fixtures';

const T0 = Date.UTC(2026, 0, 1);
const STEP_MS = 10_000;

/**
 * One entity's window results as a pipeline emits them: ends never go back, except that a window
 * still within its allowed lateness may be emitted again (an update, or a duplicate of the latest).
 */
const windowStep = fc.record({
  entity: fc.integer({ min: 1, max: 3 }),
  kind: fc.constantFrom<WindowStep['kind'][]>('advance', 'advance', 'update'),
  steps: fc.integer({ min: 0, max: 3 }),
});
type WindowStep = { entity: number; kind: 'advance' | 'update'; steps: number };

function windowRecords(steps: readonly WindowStep[]): FeatureRecord<WindowRow>[] {
  const latestEnd = new Map<number, number>();
  return steps.map((step, offset) => {
    const latest = latestEnd.get(step.entity) ?? T0;
    const end =
      step.kind === 'advance'
        ? latest + step.steps * STEP_MS
        : Math.max(T0, latest - Math.min(step.steps * STEP_MS, ALLOWED_LATENESS_MS));
    latestEnd.set(step.entity, Math.max(latest, end));
    return { offset, timestampMs: end - 1, row: { id: step.entity, window_end: end, value: offset } };
  });
}

/** The reference: every row's availability from first principles, then a linear scan per label. */
function bruteForce(
  windows: readonly FeatureRecord<WindowRow>[],
  scores: readonly FeatureRecord<ScoreRow>[],
  labels: readonly { id: number; timeMs: number }[],
  maxAgeMs: number | undefined,
) {
  const windowRows = windows.map((record) => {
    const isUpdate = windows.some(
      (other) =>
        other.offset < record.offset &&
        other.row.id === record.row.id &&
        other.row.window_end === record.row.window_end,
    );
    const availableAtMs = record.row.window_end + OUT_OF_ORDERNESS_MS + (isUpdate ? ALLOWED_LATENESS_MS : 0);
    return { id: record.row.id, availableAtMs, offset: record.offset, feature: record.row.value as unknown };
  });
  const scoreRows = scores.map((record) => ({
    id: record.row.id,
    availableAtMs: record.timestampMs,
    offset: record.offset,
    feature: record.row.tag as unknown,
  }));
  const asOf = (rows: typeof windowRows, label: { id: number; timeMs: number }) => {
    let best: (typeof windowRows)[number] | undefined;
    for (const row of rows) {
      if (row.id !== label.id || row.availableAtMs > label.timeMs) continue;
      if (
        best === undefined ||
        row.availableAtMs > best.availableAtMs ||
        (row.availableAtMs === best.availableAtMs && row.offset > best.offset)
      )
        best = row;
    }
    if (best === undefined || (maxAgeMs !== undefined && label.timeMs - best.availableAtMs > maxAgeMs)) return null;
    return best.feature;
  };
  return labels.map((label) => [asOf(windowRows, label), asOf(scoreRows, label)]);
}

describe('buildTrainingSet against a brute-force point-in-time join', () => {
  it('picks, for every label and view, exactly the latest row available at the label time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(windowStep, { maxLength: 25 }),
        fc.array(fc.record({ id: fc.integer({ min: 1, max: 3 }), dt: fc.integer({ min: 0, max: 40 }) }), {
          maxLength: 10,
        }),
        fc.array(fc.record({ id: fc.integer({ min: 1, max: 4 }), dt: fc.integer({ min: 0, max: 400 }) }), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.option(
          fc.integer({ min: 0, max: 200 }).map((steps) => steps * 1_000),
          { nil: undefined },
        ),
        async (steps, scoreSpecs, labelSpecs, maxAgeMs) => {
          const windows = windowRecords(steps);
          const scores = scoreSpecs.map((spec, offset) => ({
            offset,
            timestampMs: T0 + spec.dt * STEP_MS,
            row: { id: spec.id, score: null, tag: `s${offset}` },
          }));
          // Label times on the same 1 s grid as availabilities, so equal times happen often.
          const labels = labelSpecs.map((spec, index) => ({ id: spec.id, timeMs: T0 + spec.dt * 1_000, label: index }));
          const root = await mkdtemp(join(tmpdir(), 'training-set-property-'));
          const store = await openOfflineStore({ root: join(root, 'store') });
          try {
            await archive(store, windowView, windows);
            await archive(store, scoreView, scores);
            await writeLabelsCsv(join(root, 'labels.csv'), labels);
            await buildTrainingSet({
              storeRoot: store.root,
              labelsPath: join(root, 'labels.csv'),
              entityColumn: 'id',
              timeColumn: 'time',
              views: [windowView, scoreView],
              outPath: join(root, 'out.parquet'),
              ...(maxAgeMs === undefined ? {} : { maxAgeMs }),
            });
            const rows = await readTable(join(root, 'out.parquet'));
            expect(rows.map((row) => [row['window_rows__value'], row['scores__tag']])).toEqual(
              bruteForce(windows, scores, labels, maxAgeMs),
            );
          } finally {
            store.close();
            await rm(root, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
