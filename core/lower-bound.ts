/**
 * The first index in [0, length) for which `isBefore` is false, or `length` when it holds everywhere: a binary search
 * over anything sorted, given as a predicate so callers search arrays, typed arrays and laid-out elements alike.
 * `isBefore` must hold for a prefix of the indices and fail for the rest (true… true false… false).
 *
 * - First element ≥ v: `lowerBound(xs.length, (i) => xs[i] < v)`.
 * - First element > v: `lowerBound(xs.length, (i) => xs[i] <= v)`; minus one, the last element ≤ v (−1 when none).
 */
export function lowerBound(length: number, isBefore: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
