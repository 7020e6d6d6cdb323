import { describe, expect, it } from 'vitest';
import { decodeInts, encodeInts, IntReader, IntWriter, signedLength, unsignedLength } from './varint-text.ts';

describe('varint text', () => {
  it('round-trips small, negative and large integers', () => {
    // Either side of 2^31 after zigzag (pushUnsigned's bit-operation path ends there).
    const values = [0, 1, -1, 15, 16, -16, 31, 32, 1000, -123456, 2 ** 30 - 1, 2 ** 30, -(2 ** 30), -(2 ** 30) - 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 5, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER >> 0];
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
  it('writes long outputs whole across its internal chunks, the same text however it is gathered', () => {
    // 40,000 values of 1–11 characters: several chunks of character codes, each boundary crossed mid-run.
    const values = Array.from({ length: 40_000 }, (_, i) => (i % 7 === 0 ? -(i ** 2) - 1 : i * 37) * (i % 3 === 0 ? 2 ** 12 : 1));
    const text = encodeInts(values);
    expect(decodeInts(text)).toEqual(values);
    let oneByOne = '';
    for (const v of values) oneByOne += encodeInts([v]);
    expect(text).toBe(oneByOne);
    const w = new IntWriter();
    w.push(5);
    expect(w.toString()).toBe(w.toString());
    expect(new IntWriter().toString()).toBe('');
  });
  it('counts the characters a value takes without writing it', () => {
    for (const v of [0, 1, -1, 15, 16, -16, 31, 32, 1000, -123456, 2 ** 31, 2 ** 40 + 3, Math.floor(Number.MAX_SAFE_INTEGER / 2), -Math.floor(Number.MAX_SAFE_INTEGER / 2)]) {
      expect(signedLength(v)).toBe(encodeInts([v]).length);
      if (v >= 0) {
        const w = new IntWriter();
        w.pushUnsigned(v);
        expect(unsignedLength(v)).toBe(w.toString().length);
      }
    }
  });
});
