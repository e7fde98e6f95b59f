import { describe, expect, it } from 'vitest';
import { FeatureViewsError } from './errors';
import { defineFeatureView, type FeatureViewSpec } from './feature-view';
import { testViewSpec, type TestRow } from './test-fixtures';

describe('defineFeatureView', () => {
  it('freezes a valid spec and lists the row fields in schema order', () => {
    const view = defineFeatureView(testViewSpec);
    expect(view.fields).toEqual(['id', 'region', 'window_end', 'value']);
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.isFrozen(view.entityKey)).toBe(true);
  });

  it('lists every problem at once', () => {
    const bad = {
      ...testViewSpec,
      name: 'no spaces allowed',
      topic: '',
      entityKey: ['id', 'missing'],
      encoding: 'xml',
      availability: { kind: 'window', windowEndMs: 3, outOfOrdernessMs: -1, allowedLatenessMs: 0.5 },
    } as unknown as FeatureViewSpec<TestRow>;
    expect(() => defineFeatureView(bad)).toThrow(FeatureViewsError);
    const message = captureMessage(() => defineFeatureView(bad));
    for (const part of [
      'name must match',
      'topic must be a Kafka topic name',
      'missing are not in the row schema',
      'encoding must be one of avro, json',
      'availability.windowEndMs must be a function',
      'availability.outOfOrdernessMs must be a non-negative integer',
      'availability.allowedLatenessMs must be a non-negative integer',
    ]) {
      expect(message).toContain(part);
    }
  });

  it('refuses an empty entity key, a non-record schema and an unknown availability kind', () => {
    const message = captureMessage(() =>
      defineFeatureView({
        ...testViewSpec,
        entityKey: [],
        avroSchema: 'long',
        availability: { kind: 'soon' },
      } as unknown as FeatureViewSpec<TestRow>),
    );
    expect(message).toContain('entityKey must name at least one row field');
    expect(message).toContain('avroSchema must be an Avro record schema');
    expect(message).toContain('availability.kind must be "window" or "record-timestamp"');
  });
});

function captureMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}
