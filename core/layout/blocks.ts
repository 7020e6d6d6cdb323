/**
 * Lines → blocks: vertically adjacent lines of similar size whose horizontal
 * extents agree (one column segment of one story element).
 */
import type { Rect } from '../page-model.ts';
import type { Glyphs } from './glyphs.ts';
import { baselineOf, type Line } from './lines.ts';

export interface LineBlock {
  lines: Line[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** Whitespace between a line's box and the next, in ems: more than this starts a new block. */
const MAX_LINE_GAP = 0.9;
/** Lines whose sizes differ by more than this ratio belong to different blocks. */
const MAX_SIZE_RATIO = 1.2;
/**
 * ...unless one of them is this short (characters): on OCR layers a line of
 * one or two words has the size of those words' boxes alone, a fifth off its
 * paragraph's now and then (the last line "city." of a 9.6 pt paragraph is 11.6).
 */
const SHORT_LINE_CHARS = 12;
const SHORT_LINE_SIZE_RATIO = 1.4;

/**
 * Mostly CJK: ideographs and kana sit on em squares, so a line of a few of
 * them has its type's true size, OCR or not, and the allowance above (made
 * for Latin words' boxes) does not apply. Without it a 14 pt CJK subhead of
 * five to seven characters joined the 10.5 pt column around it.
 */
function emSquare(g: Glyphs, l: Line): boolean {
  let cjk = 0;
  for (const s of l.segs) for (const i of s.glyphs) cjk += g.cjk[i];
  return 2 * cjk > l.chars;
}

/**
 * The size most of a line's characters have (glyph-weighted median of its
 * words' sizes): OCR layers box a word that touches an ornament or a
 * neighbour's descender half again as tall as its line, and with the mean
 * one such word made a body line look like a subhead and left the column.
 */
export function typicalSize(l: Line): number {
  const n = l.segs.length;
  if (n < 3) return l.size;
  // Sizes with their glyph counts, insertion-sorted by size in scratch arrays (once a line, but every line of
  // the page). Words of equal size are interchangeable here: only the size where the count passes half is read.
  if (typicalSizes.length < n) {
    typicalSizes = new Float64Array(2 * n);
    typicalCounts = new Int32Array(2 * n);
  }
  const sizes = typicalSizes;
  const counts = typicalCounts;
  for (let k = 0; k < n; k++) {
    const s = l.segs[k];
    let j = k - 1;
    while (j >= 0 && sizes[j] > s.size) {
      sizes[j + 1] = sizes[j];
      counts[j + 1] = counts[j];
      j--;
    }
    sizes[j + 1] = s.size;
    counts[j + 1] = s.glyphs.length;
  }
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += counts[k];
    if (2 * acc >= l.chars) return sizes[k];
  }
  return l.size;
}
let typicalSizes = new Float64Array(64);
let typicalCounts = new Int32Array(64);

/** The whitespace gap to the block's last line, or NaN when the line cannot continue it. */
function compatible(b: LineBlock, line: Line, base: ReadonlyMap<Line, number>, square: (l: Line) => boolean, typical: (l: Line) => number): number {
  const last = b.lines[b.lines.length - 1];
  const sa = typical(last);
  const sb = typical(line);
  const size = Math.min(last.size, line.size);
  const short = (last.chars < SHORT_LINE_CHARS && !square(last)) || (line.chars < SHORT_LINE_CHARS && !square(line));
  if (Math.max(sa, sb) / Math.min(sa, sb) > (short ? SHORT_LINE_SIZE_RATIO : MAX_SIZE_RATIO)) return NaN;
  const gap = line.top - last.bottom;
  if ((base.get(line) as number) - (base.get(last) as number) < 0.5 * size) return NaN;
  if (gap > MAX_LINE_GAP * size) return NaN;
  const overlap = Math.min(b.x1, line.x1) - Math.max(b.x0, line.x0);
  const minWidth = Math.min(b.x1 - b.x0, line.x1 - line.x0);
  if (overlap < 0.5 * minWidth) return NaN;
  // Once a block has an established measure, a line much wider than it is a
  // different element (e.g. text spanning several columns above them).
  if (b.lines.length >= 2 && (line.x0 < b.x0 - 2 * size || line.x1 > b.x1 + 2 * size)) return NaN;
  if (b.lines.length >= 2 && line.x1 - line.x0 < 0.6 * (b.x1 - b.x0) && line.x0 > b.x0 + 4 * size) return NaN;
  return gap;
}

/** `g`, when given, tells CJK lines (sized truly however short) from Latin ones. */
export function buildBlocks(lines: readonly Line[], g?: Glyphs): LineBlock[] {
  const base = new Map(lines.map((l) => [l, baselineOf(l)]));
  const squares = new Map<Line, boolean>();
  const square = (l: Line) => {
    if (!g) return false;
    let v = squares.get(l);
    if (v === undefined) squares.set(l, (v = emSquare(g, l)));
    return v;
  };
  // Asked of every (active block, line) pair, and each answer sorts the line's words: once a line.
  const typicals = new Map<Line, number>();
  const typical = (l: Line) => {
    let v = typicals.get(l);
    if (v === undefined) typicals.set(l, (v = typicalSize(l)));
    return v;
  };
  const sorted = [...lines].sort((a, b) => (base.get(a) as number) - (base.get(b) as number) || a.x0 - b.x0);
  const blocks: LineBlock[] = [];
  let active: LineBlock[] = [];
  for (const line of sorted) {
    active = active.filter((b) => line.top - b.bottom <= 3 * line.size || line.top - b.bottom <= 3 * b.lines[b.lines.length - 1].size);
    let best: LineBlock | null = null;
    let bestScore = Infinity;
    for (const b of active) {
      const gap = compatible(b, line, base, square, typical);
      if (Number.isNaN(gap)) continue;
      // The nearest baseline above, not the smallest box gap: OCR layers
      // overstate sizes so boxes of consecutive lines overlap, and by box gap
      // a line would rather continue the block of the line two above.
      const pitch = (base.get(line) as number) - (base.get(b.lines[b.lines.length - 1]) as number);
      const score = pitch + Math.abs(b.x0 - line.x0) * 0.01;
      if (score < bestScore) {
        bestScore = score;
        best = b;
      }
    }
    if (best) {
      best.lines.push(line);
      best.x0 = Math.min(best.x0, line.x0);
      best.x1 = Math.max(best.x1, line.x1);
      best.top = Math.min(best.top, line.top);
      best.bottom = Math.max(best.bottom, line.bottom);
    } else {
      const b: LineBlock = { lines: [line], x0: line.x0, x1: line.x1, top: line.top, bottom: line.bottom };
      blocks.push(b);
      active.push(b);
    }
  }
  return blocks;
}

export function blockRect(b: { x0: number; x1: number; top: number; bottom: number }): Rect {
  return [b.x0, b.top, b.x1, b.bottom];
}
