/**
 * Photos on a scanned page, where the picture is part of one page-sized
 * raster. The OCR layer's geometry is enough: a picture is a large stretch of
 * the page that holds no text, with a caption-like block (a short line or
 * two) right under or over it. No pixels are decoded.
 */
import type { Rect } from '../page-model.ts';

export interface ScanBlock {
  rect: Rect;
  /** Character-weighted mean font size. */
  size: number;
  lineCount: number;
  text: string;
}

export interface ScanPhoto {
  rect: Rect;
  /** Index of the block that bounds it (its caption candidate). */
  caption: number;
}

/** A one-line block this short is a word the OCR read off a picture (or a fragment of a line): it fills no area. */
const SPECK_CHARS = 6;
/** Occupancy grid cell, in points. */
const CELL = 3;
/** A picture is at least this many points on each side and this share of the text area. */
const MIN_SIDE = 60;
const MIN_SHARE = 0.006;
/** ...and no longer than this many times its other side (longer: a gutter or a rule's white). */
const MAX_ASPECT = 3.5;
/** A bounding block has at most this many lines and visible characters. */
const CAPTION_MAX_LINES = 3;
const CAPTION_MAX_CHARS = 90;
/** The picture starts within this many caption sizes of the caption. */
const CAPTION_REACH = 2;

/** Whether each UTF-16 unit is whitespace to `\s`, memoised (the engine's own answer, whatever its Unicode version). */
const whitespace = new Int8Array(0x10000).fill(-1);
function isWhitespace(code: number): boolean {
  let v = whitespace[code];
  if (v < 0) v = whitespace[code] = /\s/.test(String.fromCharCode(code)) ? 1 : 0;
  return v === 1;
}

/**
 * More than `n` visible (non-whitespace) UTF-16 units: as
 * `text.replace(/\s+/g, '').length > n`, but stopping at the (n+1)th rather
 * than copying a whole column's text. Asked of every block of a scan.
 */
function visibleMoreThan(text: string, n: number): boolean {
  let visible = 0;
  for (let i = 0; i < text.length; i++) if (!isWhitespace(text.charCodeAt(i)) && ++visible > n) return true;
  return false;
}

/** At least two letters (`\p{L}`), found without listing every letter of a column. */
const TWO_LETTERS = /\p{L}[^\p{L}]*\p{L}/u;

/** OCR specks (a lone letter or mark read off a picture or a smudge) do not count as text that fills an area. */
function isSpeck(b: ScanBlock): boolean {
  return !TWO_LETTERS.test(b.text) || (b.lineCount === 1 && !visibleMoreThan(b.text, SPECK_CHARS));
}

function area(r: Rect): number {
  return (r[2] - r[0]) * (r[3] - r[1]);
}

function overlapShare(a: Rect, b: Rect): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? (w * h) / Math.min(area(a), area(b)) : 0;
}

/**
 * Empty regions bounded by caption-like blocks. `blocks` are the page's
 * column blocks; the text area is their union, so empty margins never count.
 */
export function textFreePhotos(blocks: readonly ScanBlock[], bodySize: number): ScanPhoto[] {
  const specks = blocks.map(isSpeck);
  const solid = blocks.filter((_, i) => !specks[i]);
  if (solid.length === 0) return [];
  const bounds: Rect = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of solid) {
    bounds[0] = Math.min(bounds[0], b.rect[0]);
    bounds[1] = Math.min(bounds[1], b.rect[1]);
    bounds[2] = Math.max(bounds[2], b.rect[2]);
    bounds[3] = Math.max(bounds[3], b.rect[3]);
  }
  const cols = Math.ceil((bounds[2] - bounds[0]) / CELL);
  const rows = Math.ceil((bounds[3] - bounds[1]) / CELL);
  const grid = new Uint8Array(cols * rows);
  for (const b of solid) {
    const c1 = cellOf(b.rect[2] - 0.01, bounds[0], cols);
    const r1 = cellOf(b.rect[3] - 0.01, bounds[1], rows);
    for (let r = cellOf(b.rect[1], bounds[1], rows); r <= r1; r++) grid.fill(1, r * cols + cellOf(b.rect[0], bounds[0], cols), r * cols + c1 + 1);
  }
  const textArea = (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]);

  const found: Array<ScanPhoto & { score: number }> = [];
  blocks.forEach((b, i) => {
    if (specks[i] || b.lineCount > CAPTION_MAX_LINES || visibleMoreThan(b.text, CAPTION_MAX_CHARS)) return;
    const reach = Math.ceil((CAPTION_REACH * b.size) / CELL);
    // Over the caption (the usual place), and under it for text smaller than body (a caption set above its picture).
    const dirs: Array<-1 | 1> = bodySize > 0 && b.size < 0.95 * bodySize ? [-1, 1] : [-1];
    for (const dir of dirs) {
      const start = dir < 0 ? cellOf(b.rect[1], bounds[1], rows) - 1 : cellOf(b.rect[3] - 0.01, bounds[1], rows) + 1;
      if (start < 0 || start >= rows) continue;
      // Free run length from `start` outward, per column; a run must begin within `reach` of the caption.
      // Measured only for the columns bestRectAround reaches (it stops at the first column with no run on
      // each side): measuring every column of the page for each of a scan's hundreds of short blocks was
      // about a tenth of its cleaning.
      const heights = new Int32Array(cols);
      const offsets = new Int32Array(cols);
      const measured = new Uint8Array(cols);
      const measure = (c: number) => {
        if (measured[c]) return;
        measured[c] = 1;
        let r = start;
        let skipped = 0;
        while (r >= 0 && r < rows && grid[r * cols + c] && skipped < reach) {
          r += dir;
          skipped++;
        }
        offsets[c] = skipped;
        let h = 0;
        while (r >= 0 && r < rows && !grid[r * cols + c]) {
          r += dir;
          h++;
        }
        heights[c] = skipped < reach ? h : 0;
      };
      // A stretch that reaches the edge of the text area is open margin (the masthead's white), not a picture framed by text.
      const limit = dir < 0 ? start + 1 : rows - start;
      const rect = bestRectAround(heights, offsets, measure, cellOf((b.rect[0] + b.rect[2]) / 2, bounds[0], cols), b.rect[2] - b.rect[0], limit);
      if (!rect) continue;
      const [l, r, h, off] = rect;
      const x0 = bounds[0] + l * CELL;
      const x1 = bounds[0] + (r + 1) * CELL;
      const near = dir < 0 ? bounds[1] + (start - off + 1) * CELL : bounds[1] + (start + off) * CELL;
      const far = dir < 0 ? near - h * CELL : near + h * CELL;
      const photo: Rect = dir < 0 ? [x0, far, x1, near] : [x0, near, x1, far];
      if (area(photo) < MIN_SHARE * textArea) continue;
      found.push({ rect: photo, caption: i, score: area(photo) });
    }
  });
  // Two captions can bound the same hole (a caption and a credit line): keep the largest reading of it.
  found.sort((a, b) => b.score - a.score);
  const kept: ScanPhoto[] = [];
  for (const f of found) if (!kept.some((k) => overlapShare(k.rect, f.rect) > 0.3 || k.caption === f.caption)) kept.push({ rect: f.rect, caption: f.caption });
  return kept.sort((a, b) => a.rect[1] - b.rect[1] || a.rect[0] - b.rect[0]);
}

/**
 * The cell of `v` on an axis of `n` cells from `origin`, clamped to it. (A module function: closures made per
 * page for this lost their optimized code to the next GC and were compiled again every few pages.)
 */
function cellOf(v: number, origin: number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.floor((v - origin) / CELL)));
}

/**
 * The largest rectangle of free cells that contains column `centre` (the
 * caption's middle), at least as wide as most of the caption, shaped like a
 * picture. Two pointers from the centre, widening toward the taller side:
 * the standard way to the largest histogram rectangle through one bar.
 * Returns [left, right, height, offset] in cells. A rectangle whose far
 * edge is the edge of the text area (`limit` cells away) is not framed.
 */
function bestRectAround(
  heights: Int32Array,
  offsets: Int32Array,
  measure: (column: number) => void,
  centre: number,
  captionWidth: number,
  limit: number,
): [number, number, number, number] | null {
  const n = heights.length;
  let l = centre;
  let r = centre;
  measure(centre);
  const off = Math.max(offsets[centre], 0);
  // `measure` fills heights[c] and offsets[c] on first use; every column read below was passed to ok() first.
  const ok = (c: number) => {
    measure(c);
    return heights[c] > 0 && offsets[c] <= off;
  };
  if (!ok(centre)) return null;
  let h = heights[centre];
  let best: [number, number, number, number] | null = null;
  let bestArea = 0;
  const consider = () => {
    const w = (r - l + 1) * CELL;
    const hh = h * CELL;
    if (w < MIN_SIDE || hh < MIN_SIDE || w < 0.6 * captionWidth || off + h >= limit) return;
    if (Math.max(w, hh) > MAX_ASPECT * Math.min(w, hh)) return;
    if (w * hh > bestArea) {
      bestArea = w * hh;
      best = [l, r, h, off];
    }
  };
  consider();
  for (;;) {
    const canL = l > 0 && ok(l - 1);
    const canR = r < n - 1 && ok(r + 1);
    if (!canL && !canR) break;
    if (canL && (!canR || heights[l - 1] >= heights[r + 1])) l--;
    else r++;
    h = Math.min(h, heights[l], heights[r]);
    consider();
  }
  return best;
}
