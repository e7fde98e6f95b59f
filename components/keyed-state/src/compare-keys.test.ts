import { describe, expect, it } from 'vitest';
import { compareKeys, isInRange } from './compare-keys';

const utf8Order = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('compareKeys()', () => {
  it.each([
    ['a', 'b'],
    ['a', 'ab'],
    ['\uFFFD', '\u{1F600}'],
    ['\uE000', '\u{10000}'],
    ['z', '\u00E9'],
    ['same', 'same'],
  ])('orders %j and %j as their UTF-8 bytes do', (a, b) => {
    expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(utf8Order(a, b)));
    expect(Math.sign(compareKeys(b, a))).toBe(Math.sign(utf8Order(b, a)));
  });
});

describe('isInRange()', () => {
  it('treats gte as inclusive, lt as exclusive, and requires the prefix', () => {
    expect(isInRange('b', { gte: 'b', lt: 'c' })).toBe(true);
    expect(isInRange('c', { gte: 'b', lt: 'c' })).toBe(false);
    expect(isInRange('x:1', { prefix: 'y:' })).toBe(false);
  });
});
