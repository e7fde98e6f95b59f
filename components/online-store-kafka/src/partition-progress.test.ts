import { describe, expect, it } from 'vitest';
import { laterOffset, recordsBehind } from './partition-progress';

describe('recordsBehind', () => {
  it('counts the records between a position and an end, never below 0', () => {
    expect(recordsBehind('10', '25')).toBe(15);
    expect(recordsBehind('25', '25')).toBe(0);
    expect(recordsBehind('30', '25')).toBe(0);
  });

  it('compares 64-bit offsets exactly', () => {
    expect(recordsBehind('9007199254740993', '9007199254740995')).toBe(2);
  });
});

describe('laterOffset', () => {
  it('picks the larger offset as numbers, not as text', () => {
    expect(laterOffset('9', '10')).toBe('10');
    expect(laterOffset('10', '9')).toBe('10');
  });
});
