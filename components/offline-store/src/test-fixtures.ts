import { defineFeatureView, type FeatureView } from '@fp/feature-views';
import { z } from 'zod';
import type { RecordCoordinates } from './archived-row';

/** A windowed view for the brick's tests: 60 s out-of-orderness, 30 s allowed lateness. */
export const windowRowSchema = z.object({ id: z.number().int(), window_end: z.number().int(), value: z.number() });
export type WindowRow = z.infer<typeof windowRowSchema>;
export const OUT_OF_ORDERNESS_MS = 60_000;
export const ALLOWED_LATENESS_MS = 30_000;

export const windowView: FeatureView<WindowRow> = defineFeatureView<WindowRow>({
  name: 'window_rows',
  topic: 'window-rows',
  entityKey: ['id'],
  avroSchema: {
    type: 'record',
    name: 'WindowRow',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'window_end', type: 'long' },
      { name: 'value', type: 'double' },
    ],
  },
  rowSchema: windowRowSchema,
  encoding: 'avro',
  availability: {
    kind: 'window',
    windowEndMs: (row) => row.window_end,
    outOfOrdernessMs: OUT_OF_ORDERNESS_MS,
    allowedLatenessMs: ALLOWED_LATENESS_MS,
  },
});

/** A view that is not windowed: a row is available at its record timestamp. */
export const scoreRowSchema = z.object({ id: z.number().int(), score: z.number().nullable(), tag: z.string() });
export type ScoreRow = z.infer<typeof scoreRowSchema>;
export const scoreView: FeatureView<ScoreRow> = defineFeatureView<ScoreRow>({
  name: 'scores',
  topic: 'scores',
  entityKey: ['id'],
  avroSchema: {
    type: 'record',
    name: 'ScoreRow',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'score', type: ['null', 'double'], default: null },
      { name: 'tag', type: 'string' },
    ],
  },
  rowSchema: scoreRowSchema,
  encoding: 'json',
  availability: { kind: 'record-timestamp' },
});

export const at = (topic: string, partition: number, offset: number, timestampMs: number): RecordCoordinates => ({
  topic,
  partition,
  offset: BigInt(offset),
  timestampMs,
});
