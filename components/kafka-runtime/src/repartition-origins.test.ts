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

  it('keeps inputs whose names share a prefix apart, from headers as they arrive', () => {
    const origins = createRepartitionOrigins(undefined);
    const header = (origin: string) => Buffer.from(origin, 'latin1');
    expect(origins.isNew(header('clicks#1@50.0'))).toBe(true);
    expect(origins.isNew(header('clicks#10@7.0'))).toBe(true); // "clicks#1" is a prefix of "clicks#10"
    expect(origins.isNew(header('clicks#10@6.0'))).toBe(false);
    expect(origins.isNew(header('clicks#1@8.0'))).toBe(false); // compared with clicks#1's 50, not clicks#10's 7
    expect(origins.isNew(header('clicks#2@8.0'))).toBe(true); // same length as clicks#1, another input
    expect(origins.isNew(header('clicks#1@51.12'))).toBe(true);
    expect(origins.isNew(header('clicks#1@51.9'))).toBe(false); // index 9 is before 12
    expect(origins.isNew('clicks#1@51.13')).toBe(true); // strings and headers share the positions
    expect(origins.isNew(header('clicks#1@51.13'))).toBe(false);
    expect(JSON.parse(origins.encode())).toEqual({ 'clicks#1': '51.13', 'clicks#10': '7.0', 'clicks#2': '8.0' });
  });

  it('compares offsets of more than 15 digits (beyond exact numbers) with shorter ones', () => {
    const origins = createRepartitionOrigins(undefined);
    const header = (origin: string) => Buffer.from(origin, 'latin1');
    expect(origins.isNew(header('clicks#0@999999999999999.0'))).toBe(true); // 15 digits
    expect(origins.isNew(header('clicks#0@1000000000000000.0'))).toBe(true); // 16 digits
    expect(origins.isNew(header('clicks#0@999999999999999.5'))).toBe(false);
    expect(origins.isNew(header('clicks#0@1000000000000000.0'))).toBe(false);
    expect(origins.isNew(header('clicks#0@9223372036854775806.0'))).toBe(true);
    expect(origins.isNew(header('clicks#0@9223372036854775805.3'))).toBe(false); // differs beyond 2^53
    expect(origins.isNew(header('clicks#0@9223372036854775806.1'))).toBe(true);
    expect(JSON.parse(origins.encode())).toEqual({ 'clicks#0': '9223372036854775806.1' });
  });

  it('resumes from the positions committed with the state, with offsets beyond 2^53', () => {
    const before = createRepartitionOrigins(undefined);
    before.isNew('clicks#0@9007199254740993.0');
    const after = createRepartitionOrigins(before.encode());
    expect(after.isNew('clicks#0@9007199254740993.0')).toBe(false);
    expect(after.isNew('clicks#0@9007199254740994.0')).toBe(true);
  });
});
