import { z } from 'zod';
import type { FeatureViewSpec } from './feature-view';

/** A small row type for the brick's tests: an id, a region, a nullable window end and a value. */
export const testRowAvroSchema = {
  type: 'record',
  name: 'Row',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'region', type: 'string' },
    { name: 'window_end', type: ['null', 'long'], default: null },
    { name: 'value', type: 'double' },
  ],
} as const;
export const testRowSchema = z.object({
  id: z.number().int(),
  region: z.string(),
  window_end: z.number().int().nullable(),
  value: z.number(),
});
export type TestRow = z.infer<typeof testRowSchema>;

export const testViewSpec: FeatureViewSpec<TestRow> = {
  name: 'rows',
  topic: 'rows',
  entityKey: ['id'],
  avroSchema: testRowAvroSchema,
  rowSchema: testRowSchema,
  encoding: 'avro',
  availability: { kind: 'record-timestamp' },
};

export const testRow = (overrides: Partial<TestRow> = {}): TestRow => ({
  id: 1,
  region: 'eu',
  window_end: 600_000,
  value: 1.5,
  ...overrides,
});
