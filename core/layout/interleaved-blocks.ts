/**
 * Blocks whose lines interleave in one column are one block. buildBlocks
 * keeps lines apart whose sizes differ by more than a fifth, and on a
 * scanned list set in one type (the 1859 page's patent list: names boxed
 * 17–18 pt tall, the lines between them 11–13 pt) the OCR's box heights
 * alternate line by line, so a column came out as two blocks taking every
 * other line ("Joseph Armstrong, of Woburn…" in one, "in treatment of hides
 * and skins." under it in the other), each box covering the other's lines.
 * No reading takes a column's lines alternately into two elements: a line
 * whose baseline lies between two consecutive lines of another block, inside
 * that block's measure, belongs to it. (poppler's TextOutputDev and XY-cut
 * readers get this for free: boxes that overlap cannot be cut apart.)
 *
 * Baselines decide, not box heights: a tall box reaches over its neighbours
 * but its baseline stays on its own line.
 */
import type { LineBlock } from './blocks.ts';
import { baselineOf, type Line } from './lines.ts';

/** The line's baseline must lie this share of the pitch clear of both neighbours' (side-by-side lines share one). */
const CLEAR = 0.25;
/** Share of the line's width that must lie within both neighbouring lines' extent. */
const WITHIN = 0.6;

/** Line `l` sits between two consecutive lines of `a`, in its measure. */
function between(a: LineBlock, bases: readonly number[], l: Line, bl: number): boolean {
  if (l.x1 <= a.x0 || l.x0 >= a.x1 || bl <= bases[0] || bl >= bases[bases.length - 1]) return false;
  let k = 1;
  while (bases[k] <= bl) k++;
  const lo = bases[k - 1];
  const hi = bases[k];
  const pitch = hi - lo;
  if (bl - lo < CLEAR * pitch || hi - bl < CLEAR * pitch) return false;
  const w = l.x1 - l.x0;
  const inside = (m: Line) => Math.min(m.x1, l.x1) - Math.max(m.x0, l.x0) >= WITHIN * w;
  return inside(a.lines[k - 1]) && inside(a.lines[k]);
}

/**
 * Merges blocks whose lines interleave (transitively), lines in baseline
 * order. Returns the blocks left, in their original order.
 */
export function mergeInterleaved(blocks: readonly LineBlock[]): LineBlock[] {
  const n = blocks.length;
  const parent = blocks.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const bases = blocks.map((b) => b.lines.map(baselineOf));
  // Only blocks with a settled order of lines can be interleaved into; sorted by top for a sweep.
  const order = blocks.map((_, i) => i).sort((i, j) => blocks[i].top - blocks[j].top);
  for (let oi = 0; oi < n; oi++) {
    const i = order[oi];
    const a = blocks[i];
    if (a.lines.length < 2 || !isSorted(bases[i])) continue;
    // Blocks are only interleaved with blocks whose boxes overlap a's vertically.
    for (let oj = 0; oj < n; oj++) {
      const j = order[oj];
      const b = blocks[j];
      if (b.top >= a.bottom) break;
      if (j === i || b.bottom <= a.top || b.x1 <= a.x0 || b.x0 >= a.x1 || find(i) === find(j)) continue;
      if (!sameMeasure(a, b)) continue;
      if (b.lines.some((l, k) => between(a, bases[i], l, bases[j][k]))) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const out: LineBlock[] = [];
  for (let i = 0; i < n; i++) {
    const g = groups.get(find(i))!;
    if (g[0] !== i) continue;
    if (g.length === 1) {
      out.push(blocks[i]);
      continue;
    }
    const lines = g.flatMap((k) => blocks[k].lines);
    const base = new Map(lines.map((l) => [l, baselineOf(l)]));
    lines.sort((p, q) => base.get(p)! - base.get(q)! || p.x0 - q.x0);
    out.push({
      lines,
      x0: Math.min(...g.map((k) => blocks[k].x0)),
      x1: Math.max(...g.map((k) => blocks[k].x1)),
      top: Math.min(...g.map((k) => blocks[k].top)),
      bottom: Math.max(...g.map((k) => blocks[k].bottom)),
    });
  }
  return out;
}

/** Edges of two blocks of one column agree within this many of the smaller block's line sizes. */
const MEASURE_SIZES = 3;

/**
 * Both blocks span the same column: a block that took in a line reaching
 * over a gutter (or a table's row beside it) must not pull the neighbouring
 * column in with it.
 */
function sameMeasure(a: LineBlock, b: LineBlock): boolean {
  const size = Math.min(a.lines[0].size, b.lines[0].size);
  return Math.abs(a.x0 - b.x0) <= MEASURE_SIZES * size && Math.abs(a.x1 - b.x1) <= MEASURE_SIZES * size;
}

function isSorted(xs: readonly number[]): boolean {
  for (let k = 1; k < xs.length; k++) if (xs[k] < xs[k - 1]) return false;
  return true;
}
