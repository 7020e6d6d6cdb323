/**
 * Levenshtein distance over code points (so a CJK character or an emoji
 * counts once), after stripping the common prefix and suffix: cleaned text
 * compared with its expected form differs in few places, and this keeps the
 * quadratic part small. The one copy the tests share.
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  let q = 0;
  while (q < x.length - p && q < y.length - p && x[x.length - 1 - q] === y[y.length - 1 - q]) q++;
  let s = x.slice(p, x.length - q);
  let t = y.slice(p, y.length - q);
  if (s.length < t.length) [s, t] = [t, s];
  let prev = Int32Array.from({ length: t.length + 1 }, (_, j) => j);
  let cur = new Int32Array(t.length + 1);
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    const c = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const sub = prev[j - 1] + (c === t[j - 1] ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length];
}
