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

/**
 * A set of boxes kept in four sort orders (by each edge), so every cut test is
 * one linear sweep and a split is a stable filter: peeling spanning boxes one
 * by one on a noisy scan stays O(n) per step instead of re-sorting.
 */
interface Region {
  byTop: number[];
  byBottom: number[];
  byX0: number[];
  byX1: number[];
}

interface Coords {
  x0: Float64Array;
  x1: Float64Array;
  top: Float64Array;
  bottom: Float64Array;
  /** Scratch: which side of a split each box goes to. */
  side: Uint8Array;
}

interface Axis {
  lo: (c: Coords) => Float64Array;
  hi: (c: Coords) => Float64Array;
  byLo: (r: Region) => number[];
  byHi: (r: Region) => number[];
}
const X: Axis = { lo: (c) => c.x0, hi: (c) => c.x1, byLo: (r) => r.byX0, byHi: (r) => r.byX1 };
const Y: Axis = { lo: (c) => c.top, hi: (c) => c.bottom, byLo: (r) => r.byTop, byHi: (r) => r.byBottom };

export function readingOrder(boxes: readonly Box[]): number[] {
  const n = boxes.length;
  const out: number[] = [];
  if (!n) return out;
  const c: Coords = { x0: new Float64Array(n), x1: new Float64Array(n), top: new Float64Array(n), bottom: new Float64Array(n), side: new Uint8Array(n) };
  boxes.forEach((b, i) => {
    c.x0[i] = b.x0;
    c.x1[i] = b.x1;
    c.top[i] = b.top;
    c.bottom[i] = b.bottom;
  });
  const all = boxes.map((_, i) => i);
  const by = (v: Float64Array) => [...all].sort((a, b) => v[a] - v[b]);
  cut(c, { byTop: by(c.top), byBottom: by(c.bottom), byX0: by(c.x0), byX1: by(c.x1) }, out);
  return out;
}

/** The widest whitespace band across `axis` (position of the first box after it), or NaN. */
function widestGap(c: Coords, r: Region, axis: Axis): number {
  const lo = axis.lo(c);
  const hi = axis.hi(c);
  const sorted = axis.byLo(r);
  let reach = hi[sorted[0]];
  let best = 0;
  let at = NaN;
  for (let k = 1; k < sorted.length; k++) {
    const b = sorted[k];
    const width = lo[b] + SLACK - reach;
    if (width > best) {
      best = width;
      at = lo[b];
    }
    if (hi[b] > reach) reach = hi[b];
  }
  return at;
}

/**
 * The whitespace band at `h` is only where one column ran out (or where a
 * picture interrupts a column): across the gutter at `v`, one side has text
 * both above and below `h` and the other side only above it. Two
 * stacked stories have text on both sides of the band in every column. Then
 * the columns are read one after the other, not band by band, so a story
 * flowing around a photo and on into the next column stays in order.
 */
function onlyAColumnEnds(c: Coords, r: Region, h: number, v: number): boolean {
  let la = 0;
  let lb = 0;
  let ra = 0;
  let rb = 0;
  for (const i of r.byTop) {
    const below = c.top[i] >= h;
    if (c.x0[i] >= v) {
      if (below) rb++;
      else ra++;
    } else if (below) lb++;
    else la++;
  }
  // The other side ended above the band (a column that starts below it is a new element, e.g. a byline under a headline).
  return (la > 0 && lb > 0 && ra > 0 && rb === 0) || (ra > 0 && rb > 0 && la > 0 && lb === 0);
}

/** Splits the region: boxes with `side` 0 first, then 1; each order stays sorted. */
function split(c: Coords, r: Region): [Region, Region] {
  const part = (xs: number[]): [number[], number[]] => {
    const a: number[] = [];
    const b: number[] = [];
    for (const i of xs) (c.side[i] ? b : a).push(i);
    return [a, b];
  };
  const t = part(r.byTop);
  const bo = part(r.byBottom);
  const x0 = part(r.byX0);
  const x1 = part(r.byX1);
  return [
    { byTop: t[0], byBottom: bo[0], byX0: x0[0], byX1: x1[0] },
    { byTop: t[1], byBottom: bo[1], byX0: x0[1], byX1: x1[1] },
  ];
}

function cutAt(c: Coords, r: Region, axis: Axis, at: number, out: number[]): void {
  const lo = axis.lo(c);
  for (const i of r.byTop) c.side[i] = lo[i] >= at ? 1 : 0;
  const [a, b] = split(c, r);
  cut(c, a, out);
  cut(c, b, out);
}

function cut(c: Coords, r: Region, out: number[]): void {
  const n = r.byTop.length;
  if (n === 1) {
    out.push(r.byTop[0]);
    return;
  }
  const h = widestGap(c, r, Y);
  const v = widestGap(c, r, X);
  if (!Number.isNaN(h) && !(!Number.isNaN(v) && onlyAColumnEnds(c, r, h, v))) return cutAt(c, r, Y, h, out);
  if (!Number.isNaN(v)) return cutAt(c, r, X, v, out);
  // No clean cut: scanned pages have OCR specks in gutters and ragged boxes.
  // Cut where the fewest boxes are crossed instead (columns first), giving
  // each crossed box to the side its centre lies on.
  const soft = softCut(c, r, X, Y) ?? softCut(c, r, Y, X);
  if (soft) {
    cut(c, soft[0], out);
    cut(c, soft[1], out);
    return;
  }
  // Still no cut: a few boxes spanning columns (merged lines on noisy scans,
  // mastheads) block every cut. Order the rest without the widest box, then
  // put it back before the first box that starts below it.
  if (n > 2) {
    let widest = r.byTop[0];
    for (const i of r.byTop) if (c.x1[i] - c.x0[i] > c.x1[widest] - c.x0[widest]) widest = i;
    const keep = (xs: number[]) => xs.filter((i) => i !== widest);
    const sub: number[] = [];
    cut(c, { byTop: keep(r.byTop), byBottom: keep(r.byBottom), byX0: keep(r.byX0), byX1: keep(r.byX1) }, sub);
    const at = sub.findIndex((i) => c.top[i] >= c.top[widest]);
    sub.splice(at < 0 ? sub.length : at, 0, widest);
    out.push(...sub);
    return;
  }
  // Overlapping boxes with no cut at all: top to bottom, then left to right.
  const rest = [...r.byTop].sort((a, b) => c.top[a] - c.top[b] || c.x0[a] - c.x0[b]);
  out.push(...rest);
}

/** Crossed extent may be at most this share of the region's extent across the cut. */
const SOFT_CUT_MAX_COST = 0.2;

/**
 * Cut perpendicular to `along` where the crossed boxes' extent on `across` is
 * smallest: a sweep over box edges in order (both edge orders are kept sorted).
 */
function softCut(c: Coords, r: Region, along: Axis, across: Axis): [Region, Region] | null {
  const n = r.byTop.length;
  if (n < 3) return null;
  const lo = along.lo(c);
  const hi = along.hi(c);
  const alo = across.lo(c);
  const ahi = across.hi(c);
  const starts = along.byLo(r);
  const ends = along.byHi(r);
  const min = lo[starts[0]];
  let max = -Infinity;
  let minA = Infinity;
  let maxA = -Infinity;
  let minCentre = Infinity;
  let maxCentre = -Infinity;
  for (const i of starts) {
    if (hi[i] > max) max = hi[i];
    if (alo[i] < minA) minA = alo[i];
    if (ahi[i] > maxA) maxA = ahi[i];
    const centre = (lo[i] + hi[i]) / 2;
    if (centre < minCentre) minCentre = centre;
    if (centre > maxCentre) maxCentre = centre;
  }
  const limit = SOFT_CUT_MAX_COST * (maxA - minA);
  let cost = 0;
  let bestPos = NaN;
  let bestCost = Infinity;
  let s = 0;
  let e = 0;
  while (s < n || e < n) {
    // Next event position; every edge at that position is applied before the cost is read.
    const pos = e < n && (s >= n || hi[ends[e]] <= lo[starts[s]]) ? hi[ends[e]] : lo[starts[s]];
    while (e < n && hi[ends[e]] === pos) {
      cost -= ahi[ends[e]] - alo[ends[e]];
      e++;
    }
    while (s < n && lo[starts[s]] === pos) {
      cost += ahi[starts[s]] - alo[starts[s]];
      s++;
    }
    if (pos <= min || pos >= max) continue;
    // Both sides must keep a box centre.
    if (!(minCentre < pos) || !(maxCentre >= pos)) continue;
    if (cost > limit) continue;
    if (cost < bestCost) {
      bestCost = cost;
      bestPos = pos;
    }
  }
  if (Number.isNaN(bestPos)) return null;
  let left = 0;
  for (const i of starts) {
    const right = (lo[i] + hi[i]) / 2 >= bestPos;
    c.side[i] = right ? 1 : 0;
    if (!right) left++;
  }
  return left > 0 && left < n ? split(c, r) : null;
}
