import { expect, it } from 'vitest';
import { lowerBound } from './lower-bound.ts';

/** The same answer by walking: the first index whose isBefore fails. */
function linear(length: number, isBefore: (i: number) => boolean): number {
  let i = 0;
  while (i < length && isBefore(i)) i++;
  return i;
}

it('answers 0 for an empty range without asking the predicate', () => {
  let asked = 0;
  expect(
    lowerBound(0, () => {
      asked++;
      return true;
    }),
  ).toBe(0);
  expect(asked).toBe(0);
});

it('answers the length when every index is before, and 0 when none is', () => {
  expect(lowerBound(5, () => true)).toBe(5);
  expect(lowerBound(5, () => false)).toBe(0);
  expect(lowerBound(1, () => true)).toBe(1);
  expect(lowerBound(1, () => false)).toBe(0);
});

it('finds the first of equal values for "< v" and just past them for "<= v"', () => {
  const xs = [1, 3, 3, 3, 7];
  expect(lowerBound(xs.length, (i) => xs[i] < 3)).toBe(1);
  expect(lowerBound(xs.length, (i) => xs[i] <= 3)).toBe(4);
  expect(lowerBound(xs.length, (i) => xs[i] < 4)).toBe(4);
  expect(lowerBound(xs.length, (i) => xs[i] < 0)).toBe(0);
  expect(lowerBound(xs.length, (i) => xs[i] <= 7)).toBe(5);
});

it('agrees with a linear walk on every sorted list with duplicates up to length 8, for every probe', () => {
  for (let n = 0; n <= 8; n++) {
    // Every non-decreasing list of length n with steps of 0 or 1: each set bit of `mask` steps the value up.
    for (let mask = 0; mask < 1 << n; mask++) {
      const xs: number[] = [];
      let v = 0;
      for (let i = 0; i < n; i++) xs.push((v += (mask >> i) & 1));
      for (let probe = -1; probe <= n + 1; probe++) {
        expect(lowerBound(n, (i) => xs[i] < probe)).toBe(linear(n, (i) => xs[i] < probe));
        expect(lowerBound(n, (i) => xs[i] <= probe)).toBe(linear(n, (i) => xs[i] <= probe));
      }
    }
  }
});

it('asks only in-range indices, about log2(length) times', () => {
  const asked: number[] = [];
  const at = lowerBound(1000, (i) => {
    asked.push(i);
    return i < 617;
  });
  expect(at).toBe(617);
  expect(asked.every((i) => i >= 0 && i < 1000)).toBe(true);
  expect(asked.length).toBeLessThanOrEqual(10);
});
