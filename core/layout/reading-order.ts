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
    if (width > 0 && (!best || width > best.width)) best = { at: (reach + lo(b)) / 2, width };
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
    const above = idx.filter((i) => boxes[i].top < h.at);
    const below = idx.filter((i) => boxes[i].top >= h.at);
    cut(boxes, above, out);
    cut(boxes, below, out);
    return;
  }
  const v = widestGap(
    boxes,
    idx,
    (b) => b.x0,
    (b) => b.x1,
  );
  if (v) {
    const left = idx.filter((i) => boxes[i].x0 < v.at);
    const right = idx.filter((i) => boxes[i].x0 >= v.at);
    cut(boxes, left, out);
    cut(boxes, right, out);
    return;
  }
  // Overlapping boxes with no clean cut: top to bottom, then left to right.
  const rest = [...idx].sort((a, b) => boxes[a].top - boxes[b].top || boxes[a].x0 - boxes[b].x0);
  out.push(...rest);
}
