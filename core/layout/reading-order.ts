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
  // Overlapping boxes with no clean cut: top to bottom, then left to right.
  const rest = [...idx].sort((a, b) => boxes[a].top - boxes[b].top || boxes[a].x0 - boxes[b].x0);
  out.push(...rest);
}
