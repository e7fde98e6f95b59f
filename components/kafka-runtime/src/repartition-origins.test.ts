import { describe, expect, it } from 'vitest';
import { createRepartitionOrigins } from './repartition-origins';

describe('createRepartitionOrigins()', () => {
  it('numbers the records one input record causes', () => {
    const origins = createRepartitionOrigins(undefined);
    origins.startRecord('clicks', 2, '41');
    expect([origins.nextOrigin(), origins.nextOrigin()]).toEqual(['clicks#2@41.0', 'clicks#2@41.1']);
    origins.endRecord();
    expect(origins.nextOrigin()).toBeUndefined();
  });

  it('drops a replayed origin and keeps new ones, per upstream input partition', () => {
    const origins = createRepartitionOrigins(undefined);
    expect(origins.isNew('clicks#0@10.0')).toBe(true);
    expect(origins.isNew('clicks#0@10.1')).toBe(true);
    expect(origins.isNew('clicks#0@10.1')).toBe(false); // the same record again
    expect(origins.isNew('clicks#0@9.5')).toBe(false); // before what was seen
    expect(origins.isNew('clicks#1@3.0')).toBe(true); // another upstream partition
    expect(origins.isNew('clicks#0@11.0')).toBe(true);
    expect(origins.isNew('clicks#0@9.9')).toBe(false); // fewer digits: an earlier offset
    expect(origins.isNew(Buffer.from('clicks#0@100.0'))).toBe(true); // more digits, as the header arrives
    expect(origins.isNew('clicks#0@99.7')).toBe(false);
    expect(origins.isNew(undefined)).toBe(true); // no origin (idle timer): never dropped
  });

  it('resumes from the positions committed with the state, with offsets beyond 2^53', () => {
    const before = createRepartitionOrigins(undefined);
    before.isNew('clicks#0@9007199254740993.0');
    const after = createRepartitionOrigins(before.encode());
    expect(after.isNew('clicks#0@9007199254740993.0')).toBe(false);
    expect(after.isNew('clicks#0@9007199254740994.0')).toBe(true);
  });
});
