import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scripts/fixtures/prng.ts';
import { median, medianBy } from './median.ts';

/** What the helpers stand in for. */
const bySort = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

describe('median', () => {
  it('gives what sorting with a comparator gives, short lists and long', () => {
    const rand = createPrng(3);
    for (const n of [1, 2, 3, 4, 7, 12, 31, 32, 33, 100, 5000]) {
      for (let round = 0; round < 5; round++) {
        // Few distinct values, so ties are common.
        const xs = Array.from({ length: n }, () => Math.round(rand() * 40) / 4 - 3);
        expect(median(xs)).toBe(bySort(xs));
        expect(medianBy(xs.map((v) => ({ v })), (o) => o.v)).toBe(bySort(xs));
      }
    }
  });

  it('is undefined for no values, as indexing an empty sorted list is', () => {
    expect(median([])).toBeUndefined();
    expect(medianBy([], (v: number) => v)).toBeUndefined();
  });

  it('keeps a comparator sort\'s answer with NaN and with signed zeros', () => {
    const withNaN = [3, NaN, 1, 2, NaN, 5, 4];
    expect(Object.is(median(withNaN), bySort(withNaN))).toBe(true);
    const long = Array.from({ length: 41 }, (_, k) => (k % 2 ? 0 : -0));
    expect(Object.is(median(long), bySort(long))).toBe(true);
    const short = [0, -0, 0, -0, -0];
    expect(Object.is(median(short), bySort(short))).toBe(true);
  });

  it('does not change the list it is given', () => {
    const xs = [5, 1, 4, 2, 3];
    median(xs);
    expect(xs).toEqual([5, 1, 4, 2, 3]);
  });
});
