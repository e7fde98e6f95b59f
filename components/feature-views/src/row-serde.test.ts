import { describe, expect, it } from 'vitest';
import { defineFeatureView } from './feature-view';
import { plainRowSerde } from './row-serde';
import { testRow, testViewSpec, type TestRow } from './test-fixtures';

describe('plainRowSerde', () => {
  it('round-trips raw Avro rows for an avro view', () => {
    const serde = plainRowSerde(defineFeatureView<TestRow>(testViewSpec));
    expect(serde.deserialize(serde.serialize(testRow()))).toEqual(testRow());
    expect(serde.serialize(testRow())[0]).toBe(2); // zigzag varint of id 1: raw Avro, no JSON, no framing
  });

  it('reads and checks JSON rows for a json view', () => {
    const serde = plainRowSerde(defineFeatureView<TestRow>({ ...testViewSpec, encoding: 'json' }));
    expect(serde.deserialize(Buffer.from(JSON.stringify(testRow())))).toEqual(testRow());
    expect(() => serde.deserialize(Buffer.from(JSON.stringify({ ...testRow(), id: 'x' })))).toThrow();
  });
});
