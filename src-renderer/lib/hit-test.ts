import type { Block, Rect } from '../../core/page-model.ts';

const area = (r: Rect) => Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]);
const contains = (r: Rect, x: number, y: number) => x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3];

/**
 * The block under a point in PDF points. When rects nest (a caption inside a
 * photo column) the smallest one wins, because that is the one the reader
 * aimed at. Points between blocks pick the nearest block within `slop`.
 */
export function blockAt(blocks: readonly Block[], x: number, y: number, slop = 4): Block | null {
  let best: Block | null = null;
  let bestArea = Infinity;
  for (const b of blocks) {
    for (const r of b.rects) {
      if (contains(r, x, y) && area(r) < bestArea) {
        best = b;
        bestArea = area(r);
      }
    }
  }
  if (best) return best;
  let bestDist = slop;
  for (const b of blocks) {
    for (const r of b.rects) {
      const dx = Math.max(r[0] - x, 0, x - r[2]);
      const dy = Math.max(r[1] - y, 0, y - r[3]);
      const d = Math.hypot(dx, dy);
      if (d <= bestDist) {
        best = b;
        bestDist = d;
      }
    }
  }
  return best;
}
