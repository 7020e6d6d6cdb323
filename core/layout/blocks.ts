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

/**
 * What buildBlocks asks of each line, by the line's place in `lines`: asked of every (active block, line) pair,
 * so read from arrays rather than maps keyed by line (a LoC page: 10,000 lines, 150,000 pairs). The typical size
 * and the em-square test are worked out on the first question (typicalSize sorts the line's words).
 */
interface LineFacts {
  lines: readonly Line[];
  base: Float64Array;
  typical: Float64Array;
  /** 0 not asked yet, 1 no, 2 yes. */
  square: Uint8Array;
  g: Glyphs | undefined;
}

function typicalOf(f: LineFacts, k: number): number {
  let v = f.typical[k];
  if (v !== v && !Number.isNaN((v = typicalSize(f.lines[k])))) f.typical[k] = v;
  return v;
}

function squareOf(f: LineFacts, k: number): boolean {
  if (!f.g) return false;
  if (f.square[k] === 0) f.square[k] = emSquare(f.g, f.lines[k]) ? 2 : 1;
  return f.square[k] === 2;
}

/** The whitespace gap from the block's last line (`lines[last]`) to `lines[k]`, or NaN when the line cannot continue it. */
function compatible(b: LineBlock, last: number, k: number, f: LineFacts): number {
  const lastLine = f.lines[last];
  const line = f.lines[k];
  const sa = typicalOf(f, last);
  const sb = typicalOf(f, k);
  const size = Math.min(lastLine.size, line.size);
  const short = (lastLine.chars < SHORT_LINE_CHARS && !squareOf(f, last)) || (line.chars < SHORT_LINE_CHARS && !squareOf(f, k));
  if (Math.max(sa, sb) / Math.min(sa, sb) > (short ? SHORT_LINE_SIZE_RATIO : MAX_SIZE_RATIO)) return NaN;
  const gap = line.top - lastLine.bottom;
  if (f.base[k] - f.base[last] < 0.5 * size) return NaN;
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
  const n = lines.length;
  const f: LineFacts = { lines, base: new Float64Array(n), typical: new Float64Array(n).fill(NaN), square: new Uint8Array(n), g };
  for (let k = 0; k < n; k++) f.base[k] = baselineOf(lines[k]);
  const base = f.base;
  const sorted: number[] = [];
  for (let k = 0; k < n; k++) sorted.push(k);
  sorted.sort((a, b) => base[a] - base[b] || lines[a].x0 - lines[b].x0);
  const blocks: LineBlock[] = [];
  // The blocks still open, each with the index of its last line.
  const active: LineBlock[] = [];
  const activeLast: number[] = [];
  for (const k of sorted) {
    const line = lines[k];
    let kept = 0;
    for (let a = 0; a < active.length; a++) {
      const b = active[a];
      if (line.top - b.bottom <= 3 * line.size || line.top - b.bottom <= 3 * lines[activeLast[a]].size) {
        active[kept] = b;
        activeLast[kept++] = activeLast[a];
      }
    }
    active.length = kept;
    activeLast.length = kept;
    let best = -1;
    let bestScore = Infinity;
    for (let a = 0; a < kept; a++) {
      const b = active[a];
      const gap = compatible(b, activeLast[a], k, f);
      if (Number.isNaN(gap)) continue;
      // The nearest baseline above, not the smallest box gap: OCR layers
      // overstate sizes so boxes of consecutive lines overlap, and by box gap
      // a line would rather continue the block of the line two above.
      const pitch = base[k] - base[activeLast[a]];
      const score = pitch + Math.abs(b.x0 - line.x0) * 0.01;
      if (score < bestScore) {
        bestScore = score;
        best = a;
      }
    }
    if (best >= 0) {
      const b = active[best];
      b.lines.push(line);
      b.x0 = Math.min(b.x0, line.x0);
      b.x1 = Math.max(b.x1, line.x1);
      b.top = Math.min(b.top, line.top);
      b.bottom = Math.max(b.bottom, line.bottom);
      activeLast[best] = k;
    } else {
      const b: LineBlock = { lines: [line], x0: line.x0, x1: line.x1, top: line.top, bottom: line.bottom };
      blocks.push(b);
      active.push(b);
      activeLast.push(k);
    }
  }
  return blocks;
}

export function blockRect(b: { x0: number; x1: number; top: number; bottom: number }): Rect {
  return [b.x0, b.top, b.x1, b.bottom];
}
