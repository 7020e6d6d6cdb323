/**
 * Vertical whitespace rivers: x positions that no text box crosses over a
 * long vertical run. On old scans columns sit only 7–8 pt apart, as close as
 * word spaces, so gap widths cannot tell a gutter from a word space; but a
 * gutter runs down the page for dozens of lines while word spaces of a
 * justified column almost never line up for more than a few.
 */
import type { Segment } from './lines.ts';

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
  sizes.sort((a, b) => a - b);
  return sizes.length ? sizes[sizes.length >> 1] : 0;
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
  // Each blank cell gets the number of flanked rows of the run it belongs to (capped); text cells 0.
  const run = new Uint16Array(cols * rows);
  const maxBlank = Math.ceil((MAX_BLANK_SIZES * bodySize) / rowH);
  for (let c = 0; c < cols; c++) {
    let r = 0;
    while (r < rows) {
      if (cell[r * cols + c] !== 2) {
        r++;
        continue;
      }
      // A run starts at a flanked row and ends at text or at too long a blank stretch.
      let e = r;
      let last = r;
      let count = 0;
      for (; e < rows && e - last <= maxBlank; e++) {
        const v = cell[e * cols + c];
        if (v === 1) break;
        if (v === 2) {
          count++;
          last = e;
        }
      }
      const v = Math.min(count, 0xffff);
      for (let k = r; k <= last; k++) run[k * cols + c] = v;
      r = last + 1;
    }
  }
  const minRun = MIN_RUN_SIZES * ROWS_PER_SIZE;
  // Per column, on first use: prefix counts of flanked blank rows and of text rows, for the band test.
  const prefixes = new Map<number, [blank: Uint16Array, text: Uint16Array]>();
  const prefix = (c: number) => {
    let p = prefixes.get(c);
    if (!p) {
      const blank = new Uint16Array(rows + 1);
      const text = new Uint16Array(rows + 1);
      for (let r = 0; r < rows; r++) {
        const v = cell[r * cols + c];
        blank[r + 1] = blank[r] + (v === 2 ? 1 : 0);
        text[r + 1] = text[r] + (v === 1 ? 1 : 0);
      }
      prefixes.set(c, (p = [blank, text]));
    }
    return p;
  };
  const band = BAND_SIZES * ROWS_PER_SIZE;
  /**
   * Column c is a gutter around row r by the band test: within BAND_SIZES
   * body sizes above and below, it is whitespace between text in most of the
   * rows that hold anything there. A gutter crossed every few lines by a box
   * too tall or too wide (or a speck off a column rule) has no unbroken run,
   * but stays blank in most rows; a word space lines up with the next line's
   * in a few rows at most. (Tesseract's column finder likewise ignores a few
   * misfit rows when it assigns columns: kMaxIncompatibleColumnCount in
   * textord/colfind.cpp.)
   */
  const bandGutter = (c: number, r: number) => {
    const [blank, text] = prefix(c);
    const lo = Math.max(0, r - band);
    const hi = Math.min(rows, r + band + 1);
    const f = blank[hi] - blank[lo];
    const t = text[hi] - text[lo];
    return f >= minRun && f >= BAND_SHARE * (f + t);
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
      // A river cut short by the box still runs half the minimum on each side.
      const half = minRun >> 1;
      const riverNear = (c: number, from: number, step: -1 | 1) => {
        for (let k = 1, r = from + step; k <= reach && r >= 0 && r < rows; k++, r += step)
          if (run[r * cols + c] >= half || (cell[r * cols + c] === 2 && bandGutter(c, r))) return true;
        return false;
      };
      for (let c = Math.max(0, Math.ceil(a) + 1); c < Math.min(cols, Math.floor(b) - 1); c++) if (riverNear(c, r0, -1) && riverNear(c, r1, 1)) return c + 0.5;
      return NaN;
    },
  };
}
