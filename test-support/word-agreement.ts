/**
 * How far two texts agree word for word in reading order: the longest common subsequence of their words
 * (Dice form: 2·LCS / (|a| + |b|), so 1 is the same words in the same order, and a word that one text
 * reads in another place counts against both). Words are the runs between white space, compared exactly.
 * Quadratic time, linear memory: ~10,000 words a side in well under a second.
 */
export function wordAgreement(a: string, b: string): { ratio: number; common: number; a: number; b: number } {
  const ids = new Map<string, number>();
  const idsOf = (s: string) => Int32Array.from(s.split(/\s+/).filter(Boolean), (w) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1));
  const x = idsOf(a);
  const y = idsOf(b);
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (let i = 0; i < x.length; i++) {
    const w = x[i];
    for (let j = 0; j < y.length; j++) cur[j + 1] = w === y[j] ? prev[j] + 1 : prev[j + 1] > cur[j] ? prev[j + 1] : cur[j];
    [prev, cur] = [cur, prev];
  }
  const common = prev[y.length];
  const total = x.length + y.length;
  return { ratio: total ? (2 * common) / total : 1, common, a: x.length, b: y.length };
}

/** The same Dice share with order left out: the words both texts hold, each counted as often as both hold it. */
export function wordOverlap(a: string, b: string): number {
  const counts = new Map<string, number>();
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  for (const w of x) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of y) {
    const k = counts.get(w);
    if (k) {
      common++;
      counts.set(w, k - 1);
    }
  }
  return x.length + y.length ? (2 * common) / (x.length + y.length) : 1;
}
