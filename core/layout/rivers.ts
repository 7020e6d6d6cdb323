/**
 * Vertical whitespace rivers: x positions that no text box crosses over a
 * long vertical run. On old scans columns sit only 7–8 pt apart, as close as
 * word spaces, so gap widths cannot tell a gutter from a word space; but a
 * gutter runs down the page for dozens of lines while word spaces of a
 * justified column almost never line up for more than a few.
 */
import type { Segment } from './lines.ts';
import { median } from './median.ts';

export interface Rivers {
  /**
   * True when some x strictly inside (a, b) lies on a river that passes the
   * band [top, bottom]: the horizontal gap between two pieces of a would-be
   * line is a column gutter.
   */
  crosses(a: number, b: number, top: number, bottom: number): boolean;
  /**
   * An x strictly inside (a, b) where a gutter runs in the rows just above
   * [top, bottom] and just below it (within two body sizes), or NaN: a box
   * that itself spans a gutter, which the river cannot pass. Here a gutter
   * is a river at least half the minimum run, or one found by the band test
   * (most rows blank within a dozen lines up and down). `crosses` keeps the
   * strict rule: the band test there split table rows and ads measured
   * against the ALTO (1859: 893 → 887 lines whole).
   */
  gutterThrough(a: number, b: number, top: number, bottom: number): number;
}

/** Grid rows per body size: fine enough that consecutive lines fill their rows. */
const ROWS_PER_SIZE = 2;
/** A river must run beside text for at least this many body sizes (about seven lines). */
const MIN_RUN_SIZES = 8;
/** ...and be at least this wide (pt): ragged OCR boxes leave one-point slits between words. */
const MIN_WIDTH = 1;
/**
 * A row counts toward a river only with text within this many body sizes on
 * both sides: whitespace above, below or beside the text (margins, blank
 * areas around a short block) is no gutter.
 */
const FLANK_SIZES = 1.5;
/** The band test looks this many body sizes above and below a row (about a dozen lines each way). */
const BAND_SIZES = 12;
/** ...and finds a gutter where this share of the rows holding text or flanked whitespace are whitespace. */
const BAND_SHARE = 0.6;
/** Rows with no text near (leading, a blank line) may interrupt a river for this many body sizes. */
const MAX_BLANK_SIZES = 1.5;

const NONE: Rivers = { crosses: () => false, gutterThrough: () => NaN };

/** Median size of the horizontal segments (sampled): body text sets the grid. */
function bodySizeOf(segs: readonly Segment[]): number {
  const sizes: number[] = [];
  const step = Math.max(1, segs.length >> 10);
  for (let i = 0; i < segs.length; i += step) if (!segs[i].vertical) sizes.push(segs[i].size);
  return sizes.length ? median(sizes) : 0;
}

/**
 * Rivers among horizontal segments. The body size sets the grid rows and the
 * minimum run; the grid is one point wide per column.
 */
export function findRivers(segs: readonly Segment[], bodySize?: number): Rivers {
  // Built on the first question: all-CJK pages never ask, and need no grid.
  let built: Rivers | null = null;
  return {
    crosses(a, b, top, bottom) {
      built ??= buildRivers(segs, bodySize ?? bodySizeOf(segs));
      return built.crosses(a, b, top, bottom);
    },
    gutterThrough(a, b, top, bottom) {
      built ??= buildRivers(segs, bodySize ?? bodySizeOf(segs));
      return built.gutterThrough(a, b, top, bottom);
    },
  };
}

function buildRivers(segs: readonly Segment[], bodySize: number): Rivers {
  let maxX = 0;
  let maxY = 0;
  let n = 0;
  for (const s of segs) {
    if (s.vertical || !(s.x1 > s.x0) || !Number.isFinite(s.x1) || !Number.isFinite(s.bottom)) continue;
    if (s.x1 > maxX) maxX = s.x1;
    if (s.bottom > maxY) maxY = s.bottom;
    n++;
  }
  if (!n || !(bodySize > 0)) return NONE;
  const rowH = bodySize / ROWS_PER_SIZE;
  const cols = Math.ceil(maxX) + 1;
  const rows = Math.ceil(maxY / rowH) + 1;
  // Row-major: a segment fills a few short row spans, and the flank sweeps walk rows in order.
  // Cell states: 0 blank, 1 text, 2 blank with text near on both sides.
  const cell = new Uint8Array(cols * rows);
  for (const s of segs) {
    if (s.vertical || !(s.x1 > s.x0) || !Number.isFinite(s.x1) || !Number.isFinite(s.bottom)) continue;
    const c0 = Math.max(0, Math.floor(s.x0));
    const c1 = Math.min(cols - 1, Math.ceil(s.x1) - 1);
    const r0 = Math.max(0, Math.floor(Math.max(0, s.top) / rowH));
    const r1 = Math.min(rows - 1, Math.max(r0, Math.ceil(s.bottom / rowH) - 1));
    for (let r = r0; r <= r1; r++) cell.fill(1, r * cols + c0, r * cols + c1 + 1);
  }
  const flank = Math.ceil(FLANK_SIZES * bodySize);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    // Left to right: blanks with text close on the left (state 3); then right
    // to left: of those, the ones with text close on the right too (state 2).
    let last = -1e9;
    for (let c = 0; c < cols; c++) {
      if (cell[base + c] === 1) last = c;
      else if (c - last <= flank) cell[base + c] = 3;
    }
    last = 1e9;
    for (let c = cols - 1; c >= 0; c--) {
      const v = cell[base + c];
      if (v === 1) last = c;
      else if (v === 3) cell[base + c] = last - c <= flank ? 2 : 0;
    }
  }
  const run = runLengths(cell, cols, rows, Math.ceil((MAX_BLANK_SIZES * bodySize) / rowH));
  const minRun = MIN_RUN_SIZES * ROWS_PER_SIZE;
  const band = BAND_SIZES * ROWS_PER_SIZE;
  // Built on the first gutterThrough: the rivers rebuilt after clipping only ever answer `crosses`.
  let near: Uint16Array | Uint32Array | null = null;
  const half = minRun >> 1;
  /** Some cell of column c in the rows from offset `from` to `to` (row × cols) could be a gutter cell. */
  const maybeGutter = (c: number, from: number, to: number) => {
    for (let i = from + c; i < to + c; i += cols) if (run[i] >= half || cell[i] === 2) return true;
    return false;
  };
  return {
    crosses(a, b, top, bottom) {
      if (!(b - a >= MIN_WIDTH)) return false;
      const mid = (top + bottom) / 2;
      const r = Math.floor(mid / rowH);
      if (r < 0 || r >= rows) return false;
      let width = 0;
      for (let c = Math.max(0, Math.ceil(a)); c < Math.min(cols, Math.floor(b)); c++) {
        if (run[r * cols + c] >= minRun) {
          if (++width >= MIN_WIDTH) return true;
        } else width = 0;
      }
      return false;
    },
    gutterThrough(a, b, top, bottom) {
      const reach = Math.ceil((2 * bodySize) / rowH);
      const r0 = Math.floor(top / rowH);
      const r1 = Math.floor(bottom / rowH);
      // Rows looked at: up to `reach` rows right above the box and right below it, inside the grid (none when the
      // row next to the box is off the grid).
      if (!(r0 - 1 >= 0 && r0 - 1 < rows && r1 + 1 >= 0 && r1 + 1 < rows)) return NaN;
      const above0 = Math.max(0, r0 - reach) * cols;
      const above1 = r0 * cols;
      const below0 = (r1 + 1) * cols;
      const below1 = Math.min(rows, r1 + reach + 1) * cols;
      for (let c = Math.max(0, Math.ceil(a) + 1); c < Math.min(cols, Math.floor(b) - 1); c++) {
        if (!near) {
          // Only a river or a flanked blank cell can be a gutter cell: while every column asked about has text
          // alone above or below (on a CJK page, where the lines above and below fill those rows, all of them),
          // the counts are not needed. Once built, they answer faster than a look at the cells.
          if (!maybeGutter(c, above0, above1) || !maybeGutter(c, below0, below1)) continue;
          near = gutterRowCounts(cell, run, cols, rows, minRun, band);
        }
        if (near[above1 + c] > near[above0 + c] && near[below1 + c] > near[below0 + c]) return c + 0.5;
      }
      return NaN;
    },
  };
}

/**
 * Each blank cell gets the number of flanked rows (state 2) of the run it
 * belongs to, capped at 255 (the tests ask for 16 at most); text cells 0. A
 * run is a chain of flanked rows down one grid column, each within
 * `maxBlank` rows of the one before with no text between; it covers the
 * rows from its first flanked row to its last. Walked row by row with the
 * open run of every column kept aside, since the grid is row-major and a
 * walk down each column would touch a new cache line at every cell.
 */
export function runLengths(cell: Uint8Array, cols: number, rows: number, maxBlank: number): Uint8Array {
  const run = new Uint8Array(cols * rows);
  const first = new Int32Array(cols).fill(-1);
  const last = new Int32Array(cols);
  const count = new Int32Array(cols);
  const close = (c: number) => {
    const v = Math.min(count[c], 0xff);
    for (let k = first[c]; k <= last[c]; k++) run[k * cols + c] = v;
    first[c] = -1;
  };
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const v = cell[base + c];
      if (v === 1) {
        if (first[c] >= 0) close(c);
      } else if (v === 2) {
        if (first[c] >= 0 && r - last[c] <= maxBlank) {
          last[c] = r;
          count[c]++;
        } else {
          if (first[c] >= 0) close(c);
          first[c] = last[c] = r;
          count[c] = 1;
        }
      }
    }
  }
  for (let c = 0; c < cols; c++) if (first[c] >= 0) close(c);
  return run;
}

/**
 * Row prefix counts, per grid column, of the cells where a gutter runs for
 * gutterThrough: a river of at least half the minimum run, or a flanked blank
 * cell that passes the band test. Column c is a gutter around row r by the
 * band test when, within `band` rows above and below, it is whitespace
 * between text in most of the rows that hold anything there. A gutter crossed
 * every few lines by a box too tall or too wide (or a speck off a column
 * rule) has no unbroken run, but stays blank in most rows; a word space lines
 * up with the next line's in a few rows at most. (Tesseract's column finder
 * likewise ignores a few misfit rows when it assigns columns:
 * kMaxIncompatibleColumnCount in textord/colfind.cpp.)
 *
 * Entry (r × cols + c) counts the gutter cells of column c in rows [0, r), so
 * any row range is two reads. The band counts slide down the page with the
 * row walk: one pass over the grid answers every cell, where asking cell by
 * cell read whole columns across the row-major grid.
 */
export function gutterRowCounts(cell: Uint8Array, run: Uint8Array, cols: number, rows: number, minRun: number, band: number): Uint16Array | Uint32Array {
  const counts = rows < 0xffff ? new Uint16Array((rows + 1) * cols) : new Uint32Array((rows + 1) * cols);
  const half = minRun >> 1;
  // Flanked blank (f) and text (t) cells of each column in the rows [r - band, r + band].
  const f = new Int32Array(cols);
  const t = new Int32Array(cols);
  const add = (row: number, d: number) => {
    const base = row * cols;
    for (let c = 0; c < cols; c++) {
      const v = cell[base + c];
      if (v === 2) f[c] += d;
      else if (v === 1) t[c] += d;
    }
  };
  for (let r = 0; r < Math.min(rows, band); r++) add(r, 1);
  for (let r = 0; r < rows; r++) {
    if (r + band < rows) add(r + band, 1);
    if (r - band - 1 >= 0) add(r - band - 1, -1);
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const i = base + c;
      const gutter = run[i] >= half || (cell[i] === 2 && f[c] >= minRun && f[c] >= BAND_SHARE * (f[c] + t[c]));
      counts[i + cols] = counts[i] + (gutter ? 1 : 0);
    }
  }
  return counts;
}
