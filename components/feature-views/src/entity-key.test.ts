import { describe, expect, it } from 'vitest';
import { entityKeyOf } from './entity-key';
import { FeatureViewsError } from './errors';
import { defineFeatureView } from './feature-view';
import { testRow, testViewSpec, type TestRow } from './test-fixtures';

describe('entityKeyOf', () => {
  it('is the value as text for a one-field key', () => {
    const view = defineFeatureView<TestRow>(testViewSpec);
    expect(entityKeyOf(view, testRow({ id: 42 }))).toBe('42');
  });

  it('is a JSON array for a composite key, so texts never collide', () => {
    const view = defineFeatureView<TestRow>({ ...testViewSpec, entityKey: ['region', 'id'] });
    expect(entityKeyOf(view, testRow({ region: 'a,b' }))).toBe('["a,b",1]');
    expect(entityKeyOf(view, testRow({ region: 'a' }))).not.toBe(entityKeyOf(view, testRow({ region: 'a"' })));
  });

  it('throws a data error for a row without its key', () => {
    const view = defineFeatureView<TestRow>(testViewSpec);
    expect(() => entityKeyOf(view, { region: 'eu' } as unknown as TestRow)).toThrow(FeatureViewsError);
    expect(() => entityKeyOf(view, testRow({ id: null as unknown as number }))).toThrow(/entity key field id/);
  });
});
