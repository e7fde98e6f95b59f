import { describe, expect, it } from 'vitest';
import { createRepartitionOrigins, type RepartitionOriginsOptions } from './repartition-origins';

/** Tasks reading `clicks` and `views` write `clicks-by-user`; a downstream task reads it. */
const REPARTITION_TOPIC = 'clicks-by-user';

function origins(options: Partial<RepartitionOriginsOptions> = {}) {
  return createRepartitionOrigins({ committed: undefined, ...options });
}

/** The origins an upstream task writes for the records one input record causes. */
function originsOf(topic: string, partition: number, offset: string, count: number): (Buffer | string)[] {
  const upstream = origins();
  upstream.startRecord(topic, partition, offset);
  return Array.from({ length: count }, () => upstream.nextOrigin() as Buffer | string);
}

describe('createRepartitionOrigins()', () => {
  it('writes a binary origin naming its input topic per record an input record causes, none outside a record', () => {
    const upstream = origins();
    upstream.startRecord('views', 3, '300');
    const [first, second] = [upstream.nextOrigin(), upstream.nextOrigin()];
    // Format 1, name length 5, "views", partition 3, offset 300 (two varint bytes), index 0 and 1.
    const views = [...Buffer.from('views')];
    expect(first).toEqual(Buffer.from([1, 5, ...views, 3, 0xac, 0x02, 0]));
    expect(second).toEqual(Buffer.from([1, 5, ...views, 3, 0xac, 0x02, 1]));
    upstream.endRecord();
    expect(upstream.nextOrigin()).toBeUndefined();
  });

  it('drops a replayed binary origin and keeps new ones, per upstream input partition', () => {
    const downstream = origins();
    const isNew = (origin: Buffer | string | undefined) => downstream.isNew(origin, REPARTITION_TOPIC);
    const [first, second] = originsOf('clicks', 0, '10', 2);
    expect([isNew(first), isNew(second)]).toEqual([true, true]);
    expect(isNew(second)).toBe(false); // the same record again
    expect(isNew(originsOf('clicks', 0, '9', 6)[5])).toBe(false); // before what was seen
    expect(isNew(originsOf('clicks', 1, '3', 1)[0])).toBe(true); // another upstream partition
    expect(isNew(originsOf('views', 0, '3', 1)[0])).toBe(true); // another upstream topic
    expect(isNew(originsOf('clicks', 0, '11', 1)[0])).toBe(true);
    expect(isNew(undefined)).toBe(true); // no origin (idle timer): never dropped
    expect(JSON.parse(downstream.encode())).toEqual({ 'clicks#0': '11.0', 'clicks#1': '3.0', 'views#0': '3.0' });
  });

  it('shares positions between text origins (older versions) and binary ones', () => {
    const downstream = origins();
    expect(downstream.isNew(Buffer.from('clicks#2@500.4', 'latin1'), REPARTITION_TOPIC)).toBe(true);
    expect(downstream.isNew(originsOf('clicks', 2, '500', 5)[4], REPARTITION_TOPIC)).toBe(false);
    expect(downstream.isNew(originsOf('clicks', 2, '500', 6)[5], REPARTITION_TOPIC)).toBe(true);
    expect(downstream.isNew('clicks#2@500.5', REPARTITION_TOPIC)).toBe(false);
  });

  it('writes offsets beyond 2^53 as text, which compares with the binary ones', () => {
    const [long] = originsOf('clicks', 0, '9007199254740993', 1);
    expect(long).toBe('clicks#0@9007199254740993.0');
    const downstream = origins();
    expect(downstream.isNew(originsOf('clicks', 0, '900719925474099', 1)[0], REPARTITION_TOPIC)).toBe(true);
    expect(downstream.isNew(long, REPARTITION_TOPIC)).toBe(true);
    expect(downstream.isNew(originsOf('clicks', 0, '900719925474100', 1)[0], REPARTITION_TOPIC)).toBe(false);
  });

  it('resolves an origin by its topic name alone: a reader of another topology version drops only true replays', () => {
    // The same origin, read through any topic and by any reader: no topology knowledge involved.
    const downstream = origins();
    const [origin] = originsOf('views', 2, '40', 1);
    expect(downstream.isNew(origin, 'some-other-repartition-topic')).toBe(true);
    expect(downstream.isNew(origin, REPARTITION_TOPIC)).toBe(false);
    // Inputs whose names share a prefix, or whose names are longer than 127 bytes, stay apart.
    const long = 'x'.repeat(200);
    expect(downstream.isNew(originsOf(long, 2, '40', 1)[0], REPARTITION_TOPIC)).toBe(true);
    expect(downstream.isNew(originsOf(`${long}y`, 2, '40', 1)[0], REPARTITION_TOPIC)).toBe(true);
    expect(downstream.isNew(originsOf('view', 2, '40', 1)[0], REPARTITION_TOPIC)).toBe(true);
    expect(downstream.isNew(originsOf(long, 2, '39', 1)[0], REPARTITION_TOPIC)).toBe(false);
    expect(JSON.parse(downstream.encode())).toMatchObject({
      'views#2': '40.0',
      'view#2': '40.0',
      [`${long}#2`]: '40.0',
    });
  });

  it('processes, never drops, origins it cannot resolve exactly (fingerprinted or damaged), and reports them once per topic', () => {
    const unresolved: string[] = [];
    const downstream = origins({ onUnresolved: (message) => unresolved.push(message) });
    // The fingerprinted form of earlier versions: format 0, a 16-bit hash, topic index, partition, offset, index.
    const fingerprinted = Buffer.from([0, 0x12, 0x34, 0, 0, 10, 0]);
    expect(downstream.isNew(fingerprinted, REPARTITION_TOPIC)).toBe(true);
    expect(downstream.isNew(fingerprinted, REPARTITION_TOPIC)).toBe(true);
    const [origin] = originsOf('clicks', 0, '10', 1) as [Buffer];
    // Cut short (in the name, in the numbers), a varint longer than 8 bytes, bytes after the end.
    expect(downstream.isNew(origin.subarray(0, 4), 'elsewhere')).toBe(true);
    expect(downstream.isNew(origin.subarray(0, origin.length - 1), 'elsewhere')).toBe(true);
    const overlong = Buffer.concat([origin.subarray(0, 8), Buffer.alloc(9, 0x80), Buffer.from([1, 1])]);
    expect(downstream.isNew(overlong, 'elsewhere')).toBe(true);
    expect(downstream.isNew(Buffer.concat([origin, Buffer.from([0])]), 'elsewhere')).toBe(true);
    expect(unresolved).toHaveLength(2);
    expect(unresolved[0]).toContain(REPARTITION_TOPIC);
    expect(unresolved[1]).toContain('elsewhere');
    // None of them moved a position: the real origin is still new, its replay is not.
    expect(downstream.isNew(origin, REPARTITION_TOPIC)).toBe(true);
    expect(downstream.isNew(origin, REPARTITION_TOPIC)).toBe(false);
    expect(JSON.parse(downstream.encode())).toEqual({ 'clicks#0': '10.0' });
  });

  it('drops a replayed text origin and keeps new ones, per upstream input partition', () => {
    const downstream = origins();
    const isNew = (origin: Buffer | string | undefined) => downstream.isNew(origin, REPARTITION_TOPIC);
    expect(isNew('clicks#0@10.0')).toBe(true);
    expect(isNew('clicks#0@10.1')).toBe(true);
    expect(isNew('clicks#0@10.1')).toBe(false); // the same record again
    expect(isNew('clicks#0@9.5')).toBe(false); // before what was seen
    expect(isNew('clicks#1@3.0')).toBe(true); // another upstream partition
    expect(isNew('clicks#0@11.0')).toBe(true);
    expect(isNew('clicks#0@9.9')).toBe(false); // fewer digits: an earlier offset
    expect(isNew(Buffer.from('clicks#0@100.0'))).toBe(true); // more digits, as the header arrives
    expect(isNew('clicks#0@99.7')).toBe(false);
  });

  it('keeps text inputs whose names share a prefix apart, from headers as they arrive', () => {
    const downstream = origins();
    const isNew = (origin: string) => downstream.isNew(Buffer.from(origin, 'latin1'), REPARTITION_TOPIC);
    expect(isNew('clicks#1@50.0')).toBe(true);
    expect(isNew('clicks#10@7.0')).toBe(true); // "clicks#1" is a prefix of "clicks#10"
    expect(isNew('clicks#10@6.0')).toBe(false);
    expect(isNew('clicks#1@8.0')).toBe(false); // compared with clicks#1's 50, not clicks#10's 7
    expect(isNew('clicks#2@8.0')).toBe(true); // same length as clicks#1, another input
    expect(isNew('clicks#1@51.12')).toBe(true);
    expect(isNew('clicks#1@51.9')).toBe(false); // index 9 is before 12
    expect(downstream.isNew('clicks#1@51.13', REPARTITION_TOPIC)).toBe(true); // strings and headers share the positions
    expect(isNew('clicks#1@51.13')).toBe(false);
    expect(JSON.parse(downstream.encode())).toEqual({ 'clicks#1': '51.13', 'clicks#10': '7.0', 'clicks#2': '8.0' });
  });

  it('compares text offsets of more than 15 digits (beyond exact numbers) with shorter ones', () => {
    const downstream = origins();
    const isNew = (origin: string) => downstream.isNew(Buffer.from(origin, 'latin1'), REPARTITION_TOPIC);
    expect(isNew('clicks#0@999999999999999.0')).toBe(true); // 15 digits
    expect(isNew('clicks#0@1000000000000000.0')).toBe(true); // 16 digits
    expect(isNew('clicks#0@999999999999999.5')).toBe(false);
    expect(isNew('clicks#0@1000000000000000.0')).toBe(false);
    expect(isNew('clicks#0@9223372036854775806.0')).toBe(true);
    expect(isNew('clicks#0@9223372036854775805.3')).toBe(false); // differs beyond 2^53
    expect(isNew('clicks#0@9223372036854775806.1')).toBe(true);
    expect(JSON.parse(downstream.encode())).toEqual({ 'clicks#0': '9223372036854775806.1' });
  });

  it('resumes from the positions committed with the state, binary origins included', () => {
    const before = origins();
    before.isNew('clicks#0@9007199254740993.0', REPARTITION_TOPIC);
    before.isNew(originsOf('views', 4, '70', 3)[2], REPARTITION_TOPIC);
    const after = origins({ committed: before.encode() });
    expect(after.isNew('clicks#0@9007199254740993.0', REPARTITION_TOPIC)).toBe(false);
    expect(after.isNew('clicks#0@9007199254740994.0', REPARTITION_TOPIC)).toBe(true);
    expect(after.isNew(originsOf('views', 4, '70', 3)[2], REPARTITION_TOPIC)).toBe(false);
    expect(after.isNew(originsOf('views', 4, '70', 4)[3], REPARTITION_TOPIC)).toBe(true);
  });
});
