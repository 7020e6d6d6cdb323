import type { CharSource, RawItem, Rect } from '../page-model.ts';

/**
 * Page geometry for linking cleaned text back to the original page. The
 * extractor only knows item boxes, so one character's box is its item's box
 * cut into equal slices along the writing direction: good enough to land a
 * highlight on the right glyphs without measuring fonts.
 */

type ItemGeometry = Pick<RawItem, 'str' | 'rect' | 'vertical'>;

export function isEmptyRect(r: Rect): boolean {
  return r[2] - r[0] <= 0 && r[3] - r[1] <= 0;
}

/** Box of character `char` of `item`, or null for items without geometry (text dumps). */
export function charRect(item: ItemGeometry, char: number): Rect | null {
  const [x0, y0, x1, y1] = item.rect;
  const n = item.str.length;
  if (n === 0 || char < 0 || char >= n || isEmptyRect(item.rect)) return null;
  if (item.vertical) {
    const h = (y1 - y0) / n;
    return [x0, y0 + h * char, x1, y0 + h * (char + 1)];
  }
  const w = (x1 - x0) / n;
  return [x0 + w * char, y0, x0 + w * (char + 1), y1];
}

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

/**
 * Merges each rect into the previous one when both sit on one line (or one
 * vertical column) and touch or overlap, allowing a gap of about one em
 * so a word space or a dropped overprint copy does not split a highlight.
 */
export function mergeRects(rects: readonly Rect[]): Rect[] {
  const out: Rect[] = [];
  for (const r of rects) {
    const last = out[out.length - 1];
    if (last) {
      const lineH = Math.max(last[3] - last[1], r[3] - r[1]);
      const colW = Math.max(last[2] - last[0], r[2] - r[0]);
      const tolY = lineH * 0.2;
      const tolX = colW * 0.2;
      const sameLine = near(last[1], r[1], tolY) && near(last[3], r[3], tolY);
      const sameColumn = near(last[0], r[0], tolX) && near(last[2], r[2], tolX);
      const touchX = r[0] <= last[2] + lineH * 1.05 && r[2] >= last[0] - lineH * 1.05;
      const touchY = r[1] <= last[3] + colW * 1.05 && r[3] >= last[1] - colW * 1.05;
      if ((sameLine && touchX) || (sameColumn && touchY)) {
        out[out.length - 1] = [
          Math.min(last[0], r[0]),
          Math.min(last[1], r[1]),
          Math.max(last[2], r[2]),
          Math.max(last[3], r[3]),
        ];
        continue;
      }
    }
    out.push([...r] as Rect);
  }
  return out;
}

/**
 * Page boxes of the given cleaned characters (their CharSources), merged per
 * line. Consecutive characters from one item cover the whole stretch between
 * them, so the glyphs cleaning dropped in between (overprint copies) stay
 * inside the highlight. Inserted characters ([-1, -1]) have no box.
 */
export function charRects(items: readonly ItemGeometry[], sources: readonly CharSource[]): Rect[] {
  const rects: Rect[] = [];
  let run: { item: number; first: number; last: number } | null = null;
  const flush = () => {
    if (!run) return;
    const it = items[run.item];
    const a = it && charRect(it, run.first);
    const b = it && charRect(it, run.last);
    if (a && b) rects.push([Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
    run = null;
  };
  for (const [item, char] of sources) {
    if (run && item === run.item && char > run.last) {
      run.last = char;
      continue;
    }
    flush();
    if (item >= 0) run = { item, first: char, last: char };
  }
  flush();
  return mergeRects(rects);
}

/** PDF points → CSS pixels at a viewport scale. */
export function scaleRect(r: Rect, scale: number): Rect {
  return [r[0] * scale, r[1] * scale, r[2] * scale, r[3] * scale];
}
