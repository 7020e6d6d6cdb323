/**
 * Medians of the short lists layout takes thousands of times a page (the
 * tops and bottoms of a line's words, a block's line edges, pitches), as
 * `[...xs].sort((a, b) => a - b)[xs.length >> 1]` gives them, without the
 * copy and the comparator calls: the values go into one scratch buffer and
 * are insertion-sorted there (a dozen values), or sorted natively when
 * there are many. Same value in every case: lists holding NaN (which a
 * comparator sort leaves in no defined order) go the comparator way, and so
 * do long lists holding a zero (the native sort puts -0 before +0, a
 * comparator sort keeps their order).
 */

/** Above this many values the native typed-array sort beats insertion sort. */
const INSERTION_MAX = 32;

let scratch = new Float64Array(256);

function room(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  return scratch;
}

/** The value at index n >> 1 of the first n values of `buf` sorted ascending; `fallback` when the fast ways could differ. */
function middle(buf: Float64Array, n: number, fallback: () => number): number {
  let zero = false;
  for (let k = 0; k < n; k++) {
    const v = buf[k];
    if (v !== v) return fallback();
    if (v === 0) zero = true;
  }
  if (n <= INSERTION_MAX) return insertionMiddle(buf, n);
  return zero ? fallback() : nativeMiddle(buf, n);
}

function nativeMiddle(buf: Float64Array, n: number): number {
  return buf.subarray(0, n).sort()[n >> 1];
}

/** Stable, as the comparator sort is: equal values (+0 and -0) keep their order. */
function insertionMiddle(buf: Float64Array, n: number): number {
  for (let k = 1; k < n; k++) {
    const v = buf[k];
    let j = k - 1;
    while (j >= 0 && buf[j] > v) {
      buf[j + 1] = buf[j];
      j--;
    }
    buf[j + 1] = v;
  }
  return buf[n >> 1];
}

/** `[...xs].sort((a, b) => a - b)[xs.length >> 1]` (undefined for an empty list, as there). */
export function median(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n === 0) return undefined as unknown as number;
  const buf = room(n);
  for (let k = 0; k < n; k++) buf[k] = xs[k];
  return middle(buf, n, () => Array.from(xs).sort((a, b) => a - b)[n >> 1]);
}

/** The median of `key` over `items`, as median(items.map(key)) without the array. */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): number {
  const n = items.length;
  if (n === 0) return undefined as unknown as number;
  const buf = room(n);
  for (let k = 0; k < n; k++) buf[k] = key(items[k]);
  return middle(buf, n, () => items.map(key).sort((a, b) => a - b)[n >> 1]);
}

// Every way through `middle` once, at load. A page asks first for medians of long lists (its body size), then of
// short ones (a line's words) by the thousand: V8 optimized `middle` for the way it had seen alone, and on a cold
// start (an import cleans a page or two per process) bailed out of that code at every short list until it had
// recompiled, about 200 times per LoC page under load. Values seen here change no answer.
median([2, 0, 1]);
median(Array.from({ length: INSERTION_MAX + 1 }, (_, k) => k + 1));
median(Array.from({ length: INSERTION_MAX + 1 }, (_, k) => k));
median([NaN, 1]);
