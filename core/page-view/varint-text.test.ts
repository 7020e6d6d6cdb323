import { describe, expect, it } from 'vitest';
import { decodeInts, encodeInts, IntReader } from './varint-text.ts';

describe('varint text', () => {
  it('round-trips small, negative and large integers', () => {
    const values = [0, 1, -1, 15, 16, -16, 31, 32, 1000, -123456, 2 ** 31, -(2 ** 31) - 5, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER >> 0];
    expect(decodeInts(encodeInts(values))).toEqual(values);
  });
  it('spends one character on values in −8…7 and uses only URL-safe characters', () => {
    expect(encodeInts([0, 7, -8, 3])).toHaveLength(4);
    expect(encodeInts([123456789, -5, 42])).toMatch(/^[A-Za-z0-9_-]+$/);
  });
  it('refuses what it cannot represent or read', () => {
    expect(() => encodeInts([1.5])).toThrow(/safe integer/);
    expect(() => decodeInts('A!')).toThrow(/unexpected character/);
    // "g" has the continuation bit set: the number never ends.
    expect(() => new IntReader('g').next()).toThrow(/ends inside/);
  });
});
