/**
 * Reading order by recursive XY-cut over block boxes. A whitespace band that
 * spans the whole region horizontally is cut first (top before bottom), so a
 * headline over several columns precedes them and stacked stories stay
 * apart; otherwise the widest vertical gutter is cut (left before right).
 * Content-stream order plays no part.
 */

export interface Box {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** Boxes may overlap by this much (pt) and still leave a gap: OCR boxes are ragged. */
const SLACK = 1;

interface Gap {
  /** Boxes sorted along the axis; the cut falls before sorted[at]. */
  sorted: number[];
  at: number;
  width: number;
}

function widestGap(boxes: readonly Box[], idx: readonly number[], lo: (b: Box) => number, hi: (b: Box) => number): Gap | null {
  const sorted = [...idx].sort((a, b) => lo(boxes[a]) - lo(boxes[b]));
  let reach = hi(boxes[sorted[0]]);
  let best: Gap | null = null;
  for (let k = 1; k < sorted.length; k++) {
    const b = boxes[sorted[k]];
    const width = lo(b) + SLACK - reach;
    if (width > 0 && (!best || width > best.width)) best = { sorted, at: k, width };
    reach = Math.max(reach, hi(b));
  }
  return best;
}

export function readingOrder(boxes: readonly Box[]): number[] {
  const out: number[] = [];
  const all = boxes.map((_, i) => i);
  if (all.length) cut(boxes, all, out);
  return out;
}

function cut(boxes: readonly Box[], idx: number[], out: number[]): void {
  if (idx.length === 1) {
    out.push(idx[0]);
    return;
  }
  const h = widestGap(
    boxes,
    idx,
    (b) => b.top,
    (b) => b.bottom,
  );
  if (h) {
    cut(boxes, h.sorted.slice(0, h.at), out);
    cut(boxes, h.sorted.slice(h.at), out);
    return;
  }
  const v = widestGap(
    boxes,
    idx,
    (b) => b.x0,
    (b) => b.x1,
  );
  if (v) {
    cut(boxes, v.sorted.slice(0, v.at), out);
    cut(boxes, v.sorted.slice(v.at), out);
    return;
  }
  // No clean cut: scanned pages have OCR specks in gutters and ragged boxes.
  // Cut where the fewest boxes are crossed instead (columns first), giving
  // each crossed box to the side its centre lies on.
  const soft = softCut(boxes, idx, X, Y) ?? softCut(boxes, idx, Y, X);
  if (soft) {
    cut(boxes, soft[0], out);
    cut(boxes, soft[1], out);
    return;
  }
  // Overlapping boxes with no cut at all: top to bottom, then left to right.
  // Still no cut: a few boxes spanning columns (merged lines on noisy scans,
  // mastheads) block every cut. Order the rest without the widest box, then
  // put it back before the first box that starts below it.
  if (idx.length > 2) {
    const widest = idx.reduce((w, i) => (boxes[i].x1 - boxes[i].x0 > boxes[w].x1 - boxes[w].x0 ? i : w), idx[0]);
    const sub: number[] = [];
    cut(
      boxes,
      idx.filter((i) => i !== widest),
      sub,
    );
    const at = sub.findIndex((i) => boxes[i].top >= boxes[widest].top);
    sub.splice(at < 0 ? sub.length : at, 0, widest);
    out.push(...sub);
    return;
  }
  const rest = [...idx].sort((a, b) => boxes[a].top - boxes[b].top || boxes[a].x0 - boxes[b].x0);
  out.push(...rest);
}

/** Crossed extent may be at most this share of the region's extent across the cut. */
const SOFT_CUT_MAX_COST = 0.2;

interface Axis {
  lo: (b: Box) => number;
  hi: (b: Box) => number;
}
const X: Axis = { lo: (b) => b.x0, hi: (b) => b.x1 };
const Y: Axis = { lo: (b) => b.top, hi: (b) => b.bottom };

/** Cut perpendicular to `along` where the crossed boxes' extent on `across` is smallest. */
function softCut(boxes: readonly Box[], idx: readonly number[], along: Axis, across: Axis): [number[], number[]] | null {
  if (idx.length < 3) return null;
  const { lo, hi } = along;
  const ext = (b: Box) => across.hi(b) - across.lo(b);
  let min = Infinity;
  let max = -Infinity;
  let minA = Infinity;
  let maxA = -Infinity;
  for (const i of idx) {
    const b = boxes[i];
    min = Math.min(min, lo(b));
    max = Math.max(max, hi(b));
    minA = Math.min(minA, across.lo(b));
    maxA = Math.max(maxA, across.hi(b));
  }
  const span = maxA - minA;
  // Sweep candidate cut positions (box edges) with the crossed extent at each.
  const events: Array<[pos: number, delta: number]> = [];
  for (const i of idx) {
    const b = boxes[i];
    events.push([lo(b), ext(b)], [hi(b), -ext(b)]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const centres = idx.map((i) => (lo(boxes[i]) + hi(boxes[i])) / 2).sort((a, b) => a - b);
  let cost = 0;
  let best: { pos: number; cost: number } | null = null;
  for (let k = 0; k < events.length; k++) {
    cost += events[k][1];
    const pos = events[k][0];
    if (k + 1 < events.length && events[k + 1][0] === pos) continue;
    if (pos <= min || pos >= max) continue;
    const left = lowerBound(centres, pos);
    if (left === 0 || left === centres.length) continue;
    if (cost > SOFT_CUT_MAX_COST * span) continue;
    if (!best || cost < best.cost) best = { pos, cost };
  }
  if (!best) return null;
  const at = best.pos;
  const a = idx.filter((i) => (lo(boxes[i]) + hi(boxes[i])) / 2 < at);
  const b = idx.filter((i) => (lo(boxes[i]) + hi(boxes[i])) / 2 >= at);
  return a.length && b.length ? [a, b] : null;
}

function lowerBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (xs[m] < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}
