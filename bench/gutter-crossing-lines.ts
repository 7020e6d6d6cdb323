/**
 * Diagnostic for `npm run bench:clean`, not the issue's measure: split
 * reference lines explained by a word the reference reads across a column
 * gutter. ABBYY's ALTO for the 1859 LoC page (and the text layer made from
 * it) often puts the last letters of a left-column line — "r," of "butchf r,"
 * (butcher,) printed in the left column — at the start of the right column's
 * line ("r, S. S. Burliu^aiue, of Warwick…"), and the mirror case at line
 * ends. A reading that keeps each word in the column it is printed in cannot
 * keep such a line whole.
 *
 * A split line counts here when all its words but the first (last) one or two
 * landed in one block, those stand apart from the rest by a gutter-wide
 * gap (two thirds of the words' typical height or more), and it landed in a
 * block whose box containing them starts left (ends right) of the box holding
 * the rest of the line, and against a word of another reference line there:
 * the neighbouring column's line, whose end (start) it is. Crops of a sample are in the
 * issue 14 report; every one showed the word printed in the neighbouring column.
 */
import type { AltoLine, AltoPage } from '../core/layout/alto.ts';
import { makeLocator, MIN_LINE_WORDS, type CohesionBlock } from '../core/layout/line-cohesion.ts';
import type { Rect } from '../core/page-model.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
}

const GUTTER_GAP = 2 / 3;
/** Words closer than this share of their height (or overlapping by less) lie against each other. */
const TOUCH = 0.5;

export function gutterSplitLines(blocks: readonly CohesionBlock[], alto: AltoPage): Set<AltoLine> {
  const locate = makeLocator(blocks);
  const centre = (r: Rect): [number, number] => [(r[0] + r[2]) / 2, (r[1] + r[3]) / 2];
  /** The box of block `b` that contains point p. */
  const boxOf = (b: number, [x, y]: [number, number]) => blocks[b].rects.find((r) => x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3]) as Rect;
  const words = alto.blocks.flatMap((b) => b.lines.flatMap((l) => l.words.map((w) => ({ w, l }))));
  /** A word of another reference line lies against `r` on the same baseline, on the left (side -1) or right (1). */
  const against = (r: Rect, line: AltoLine, side: -1 | 1, h: number) =>
    words.some(({ w: { rect: o }, l }) => {
      if (l === line || Math.min(o[3], r[3]) - Math.max(o[1], r[1]) < 0.5 * Math.min(o[3] - o[1], r[3] - r[1])) return false;
      const gap = side < 0 ? r[0] - o[2] : o[0] - r[2];
      return gap > -TOUCH * h && gap < TOUCH * h;
    });
  const out = new Set<AltoLine>();
  for (const block of alto.blocks)
    for (const l of block.lines) {
      const w = l.words;
      const n = w.length;
      if (n < MIN_LINE_WORDS) continue;
      const hits = w.map((x) => locate(...centre(x.rect)));
      const h = median(w.map((x) => x.rect[3] - x.rect[1]));
      const same = (from: number, to: number) => hits.slice(from, to).every((b) => b >= 0 && b === hits[from]);
      // One or two words at the start (a cut-off end and a speck) in a block to the left.
      for (let k = 1; k <= 2; k++)
        if (same(0, k) && same(k, n) && hits[0] !== hits[k] && w[k].rect[0] - w[k - 1].rect[2] >= GUTTER_GAP * h)
          if (boxOf(hits[0], centre(w[0].rect))[0] < boxOf(hits[k], centre(w[k].rect))[0] && against(w[0].rect, l, -1, h)) out.add(l);
      // ...or at the end, in a block to the right.
      for (let k = 1; k <= 2; k++)
        if (same(0, n - k) && same(n - k, n) && hits[0] !== hits[n - k] && w[n - k].rect[0] - w[n - k - 1].rect[2] >= GUTTER_GAP * h)
          if (boxOf(hits[n - k], centre(w[n - k].rect))[2] > boxOf(hits[0], centre(w[n - k - 1].rect))[2] && against(w[n - 1].rect, l, 1, h))
            out.add(l);
    }
  return out;
}
