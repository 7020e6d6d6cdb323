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
/**
 * ...and run beside at least this many distinct text lines (a line counts
 * where a flank's box begins), or it is no river for `crosses`. The minimum
 * run is counted in body-size rows, and a heading line six body sizes tall
 * fills a dozen: on the 1918 Evening Star the word gap in "U. S. WAR SPIRIT"
 * (46 pt) lined up with word gaps in the two 17 pt lines below, three lines
 * in all, and their rows made a river that split "Results of Recent
 * Congressional Races Warn Against" as if at a column gutter. Body text fills
 * the minimum run with six lines or more, so no body gutter is lost.
 */
const MIN_RUN_LINES = 4;

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
  // 1 in the cells of a box's first row; a flanked cell, 1 where either flank's is (a line begins beside it).
  const starts = new Uint8Array(cols * rows);
  for (const s of segs) {
    if (s.vertical || !(s.x1 > s.x0) || !Number.isFinite(s.x1) || !Number.isFinite(s.bottom)) continue;
    markText(cell, starts, s, cols, rows, rowH);
  }
  const flank = Math.ceil(FLANK_SIZES * bodySize);
  for (let base = 0; base < rows * cols; base += cols) flankRow(cell, starts, base, cols, flank);
  const minRun = MIN_RUN_SIZES * ROWS_PER_SIZE;
  const run = runLengths(cell, cols, rows, Math.ceil((MAX_BLANK_SIZES * bodySize) / rowH), { starts, minLines: MIN_RUN_LINES, cap: minRun - 1 });
  const band = BAND_SIZES * ROWS_PER_SIZE;
  // Built on the first gutterThrough: the rivers rebuilt after clipping only ever answer `crosses`.
  let near: Uint8Array | null = null;
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
          // the gutter cells are not needed.
          if (!maybeGutter(c, above0, above1) || !maybeGutter(c, below0, below1)) continue;
          near = gutterCells(cell, run, cols, rows, minRun, band);
        }
        if (anyIn(near, c, above0, above1, cols) && anyIn(near, c, below0, below1, cols)) return c + 0.5;
      }
      return NaN;
    },
  };
}

/*
 * The walks over the grid (a million cells on a LoC page) are written for a cold start, as an import runs them
 * (a page or two per process): they skip runs of text and blank in native code (indexOf, fill) rather than
 * looking at every cell in JavaScript not yet optimized; each function has one loop (an inner loop that V8
 * compiled on its own bailed out to the interpreter at every row's end: 400 times per LoC page); and helpers sit
 * at top level rather than in closures made anew at each call (a call site that met a new closure bailed out too).
 */

/** The cells a segment's box covers hold text (state 1); those of its first row are line starts. */
function markText(cell: Uint8Array, starts: Uint8Array, s: Segment, cols: number, rows: number, rowH: number): void {
  const c0 = Math.max(0, Math.floor(s.x0));
  const c1 = Math.min(cols - 1, Math.ceil(s.x1) - 1);
  const r0 = Math.max(0, Math.floor(Math.max(0, s.top) / rowH));
  const r1 = Math.min(rows - 1, Math.max(r0, Math.ceil(s.bottom / rowH) - 1));
  for (let r = r0; r <= r1; r++) cell.fill(1, r * cols + c0, r * cols + c1 + 1);
  starts.fill(1, r0 * cols + c0, r0 * cols + c1 + 1);
}

/**
 * One grid row's blank cells with text at most `flank` cells away on both sides become state 2 (the row holds only
 * 0 and 1 yet). Text runs are found with indexOf, which skips a run in native code: a word is 20–30 cells.
 */
function flankRow(cell: Uint8Array, starts: Uint8Array, base: number, cols: number, flank: number): void {
  const end = base + cols;
  let text = cell.indexOf(1, base);
  if (text < 0 || text >= end) return;
  for (;;) {
    const blank = cell.indexOf(0, text);
    if (blank < 0 || blank >= end) return;
    const next = cell.indexOf(1, blank);
    if (next < 0 || next >= end) return;
    // Blank cells [blank, next) between text at blank - 1 and at next.
    const lo = Math.max(blank, next - flank);
    const hi = Math.min(next - 1, blank - 1 + flank);
    if (lo <= hi) {
      cell.fill(2, lo, hi + 1);
      if (starts[blank - 1] || starts[next]) starts.fill(1, lo, hi + 1);
    }
    text = next;
  }
}

/**
 * Each blank cell gets the number of flanked rows (state 2) of the run it
 * belongs to, capped at 255 (the tests ask for 16 at most); text cells 0.
 * With `lines`, a run with fewer than lines.minLines flanked rows marked in
 * lines.starts (rows where a line begins beside it) is capped at lines.cap. A
 * run is a chain of flanked rows down one grid column, each within
 * `maxBlank` rows of the one before with no text between; it covers the
 * rows from its first flanked row to its last. Walked row by row with the
 * open run of every column kept aside, since the grid is row-major and a
 * walk down each column would touch a new cache line at every cell.
 */
export function runLengths(
  cell: Uint8Array,
  cols: number,
  rows: number,
  maxBlank: number,
  lines?: { starts: Uint8Array; minLines: number; cap: number },
): Uint8Array {
  const run = new Uint8Array(cols * rows);
  const first = new Int32Array(cols).fill(-1);
  const last = new Int32Array(cols);
  const count = new Int32Array(cols);
  // Line starts beside each column's open run (counted only with `lines`).
  const begun = new Int32Array(cols);
  const starts = lines?.starts;
  const minLines = lines ? lines.minLines : 0;
  const cap = lines ? lines.cap : 0xff;
  // Only flanked cells are visited (found with indexOf, in native code): text ends a column's run when the next
  // flanked cell below finds text between it and the run's last row, rather than when the walk meets the text.
  const n = cols * rows;
  for (let i = cell.indexOf(2); i >= 0; i = i < n ? cell.indexOf(2, i) : -1) {
    let r = Math.floor(i / cols);
    let c = i - r * cols;
    for (; i < n && cell[i] === 2; i++) {
      if (first[c] >= 0 && r - last[c] <= maxBlank && !textBetween(cell, cols, c, last[c], r)) {
        last[c] = r;
        count[c]++;
        if (starts) begun[c] += starts[i];
      } else {
        if (first[c] >= 0) closeRun(run, first, last, count, c, cols, begun[c] < minLines ? cap : 0xff);
        first[c] = last[c] = r;
        count[c] = 1;
        begun[c] = starts ? starts[i] : 0;
      }
      if (++c === cols) {
        c = 0;
        r++;
      }
    }
  }
  for (let c = 0; c < cols; c++) if (first[c] >= 0) closeRun(run, first, last, count, c, cols, begun[c] < minLines ? cap : 0xff);
  return run;
}

/** Some text cell in column c strictly between rows r0 and r1. */
function textBetween(cell: Uint8Array, cols: number, c: number, r0: number, r1: number): boolean {
  for (let k = r0 + 1; k < r1; k++) if (cell[k * cols + c] === 1) return true;
  return false;
}

/** Ends column c's open run: its count (at most `max`) goes to every cell from its first row to its last. */
function closeRun(run: Uint8Array, first: Int32Array, last: Int32Array, count: Int32Array, c: number, cols: number, max: number): void {
  const v = Math.min(count[c], max, 0xff);
  for (let k = first[c]; k <= last[c]; k++) run[k * cols + c] = v;
  first[c] = -1;
}

/**
 * The cells where a gutter runs for gutterThrough (1, else 0): a river of at
 * least half the minimum run, or a flanked blank cell that passes the band
 * test. Column c is a gutter around row r by the band test when, within
 * `band` rows above and below, it is whitespace between text in most of the
 * rows that hold anything there. A gutter crossed every few lines by a box
 * too tall or too wide (or a speck off a column rule) has no unbroken run,
 * but stays blank in most rows; a word space lines up with the next line's in
 * a few rows at most. (Tesseract's column finder likewise ignores a few
 * misfit rows when it assigns columns: kMaxIncompatibleColumnCount in
 * textord/colfind.cpp.)
 *
 * Only flanked cells are visited, and rivers down from their first cell: the
 * band test needs `minRun` flanked cells within the band, which word spaces
 * (most flanked cells) never have, so each column's flanked rows are listed
 * and counted in a window sliding down the list, and text is counted only
 * around the cells that pass that far.
 */
export function gutterCells(cell: Uint8Array, run: Uint8Array, cols: number, rows: number, minRun: number, band: number): Uint8Array {
  const flags = new Uint8Array(cols * rows);
  const half = minRun >> 1;
  const n = cols * rows;
  // Flanked rows of each column, in order (row-major walk: each column's rows come ascending).
  const start = new Int32Array(cols + 1);
  for (let i = cell.indexOf(2); i >= 0; i = i < n ? cell.indexOf(2, i) : -1) for (; i < n && cell[i] === 2; i++) start[(i % cols) + 1]++;
  for (let c = 0; c < cols; c++) start[c + 1] += start[c];
  const at = start.slice(0, cols);
  const listed = new Int32Array(start[cols]);
  // Rivers: from each flanked cell down while the run lasts (`done` keeps a river from being walked twice).
  const done = new Int32Array(cols).fill(-1);
  for (let i = cell.indexOf(2); i >= 0; i = i < n ? cell.indexOf(2, i) : -1) {
    for (; i < n && cell[i] === 2; i++) {
      const c = i % cols;
      const r = (i - c) / cols;
      listed[at[c]++] = r;
      if (run[i] >= half && r > done[c]) done[c] = markRiver(flags, run, cols, rows, c, r, half);
    }
  }
  for (let c = 0; c < cols; c++) if (start[c + 1] - start[c] >= minRun) bandTest(flags, cell, cols, rows, c, listed, start[c], start[c + 1], minRun, band);
  return flags;
}

/** Flags column c from row r down while its run is at least `half`; returns the last row flagged. */
function markRiver(flags: Uint8Array, run: Uint8Array, cols: number, rows: number, c: number, r: number, half: number): number {
  let k = r;
  for (; k < rows && run[k * cols + c] >= half; k++) flags[k * cols + c] = 1;
  return k - 1;
}

/**
 * The band test on column c's flanked rows (listed[from..to), ascending): f counts them within `band` rows, with
 * two pointers; t, the text cells there, only where f is enough, in a window that only ever slides down.
 */
function bandTest(
  flags: Uint8Array,
  cell: Uint8Array,
  cols: number,
  rows: number,
  c: number,
  listed: Int32Array,
  from: number,
  to: number,
  minRun: number,
  band: number,
): void {
  let lo = from;
  let hi = from;
  // Text cells of column c in rows [tLo, tHi).
  let tLo = 0;
  let tHi = 0;
  let t = 0;
  for (let k = from; k < to; k++) {
    const r = listed[k];
    const w0 = Math.max(0, r - band);
    const w1 = Math.min(rows, r + band + 1);
    while (lo < to && listed[lo] < w0) lo++;
    while (hi < to && listed[hi] < w1) hi++;
    const f = hi - lo;
    if (f < minRun) continue;
    if (w0 >= tHi) {
      tLo = tHi = w0;
      t = 0;
    }
    for (; tLo < w0; tLo++) if (cell[tLo * cols + c] === 1) t--;
    for (; tHi < w1; tHi++) if (cell[tHi * cols + c] === 1) t++;
    if (f >= BAND_SHARE * (f + t)) flags[r * cols + c] = 1;
  }
}

/** Some flag set in column c in the rows from offset `from` to `to` (row × cols). */
function anyIn(flags: Uint8Array, c: number, from: number, to: number, cols: number): boolean {
  for (let i = from + c; i < to + c; i += cols) if (flags[i]) return true;
  return false;
}
