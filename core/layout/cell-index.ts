/**
 * Boxes bucketed by the square cells (CELL points a side) they touch, to find
 * the boxes near a query box without looking at every box on the page: an
 * ALTO page has ~10,000 words and the text layer as many segments.
 *
 * The candidates come in a fixed order, the order the first version of this
 * grid (a Map of cells, a Set of the boxes met) gave them, because the ALTO
 * layout keeps the first of equally good matches and its choice must not
 * change: cells column by column (x outer, y inner), within a cell the boxes
 * in the order given, each box once, where it is first met.
 *
 * Cells are an array over the boxes' extent (no hashing, no allocation per
 * query). The Map is kept for boxes or queries far off any page (beyond
 * ±FAR_CELLS cells, or an extent of more than MAX_DENSE_CELLS): there the
 * first version's cell keys could coincide, and the Map keys cells exactly as
 * it did.
 */
export const CELL = 32;
/** Beyond this many cells from the origin the first version's keys (x × 100,003 + y) may coincide. */
const FAR_CELLS = 50_000;
/** Largest cell array made (4 MB of offsets): a page of 1224 × 1584 points has under 2,000 cells. */
const MAX_DENSE_CELLS = 1 << 20;

type Box = readonly [number, number, number, number];

const key = (cx: number, cy: number) => cx * 100_003 + cy;
const within = (c: number) => c >= -FAR_CELLS && c <= FAR_CELLS;
/** Four cell coordinates within ±FAR_CELLS (no rest array and callback per query). */
const near = (a: number, b: number, c: number, d: number) => within(a) && within(b) && within(c) && within(d);

export class CellIndex {
  /** After `query`: the candidates' indices into the boxes given, `found[0 .. count)`. */
  readonly found: Int32Array;
  private readonly boxes: readonly Box[];
  /** Per box, the query that last met it (dedupes without a Set). */
  private readonly seen: Uint32Array;
  private stamp = 0;
  // The cell array: cell (cx, cy) is at (cx - x0) * rows + (cy - y0); its boxes are items[start[c] .. start[c + 1]).
  private readonly dense: boolean;
  private readonly x0: number;
  private readonly y0: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly start: Int32Array;
  private readonly items: Int32Array;
  private map: Map<number, number[]> | null = null;

  constructor(boxes: readonly Box[]) {
    this.boxes = boxes;
    this.found = new Int32Array(boxes.length);
    this.seen = new Uint32Array(boxes.length);
    // Each box's cells, once (a box with a coordinate that is not finite has none: lo > hi).
    // (Int32: read only when every cell is within ±FAR_CELLS, the array case.)
    // (Plain statements, no destructuring of array literals: those went through the array iterator, whose
    // map checks deoptimized this constructor from page to page.)
    const n = boxes.length;
    const lx = new Int32Array(n), ly = new Int32Array(n), hx = new Int32Array(n), hy = new Int32Array(n);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < boxes.length; i++) {
      const r = boxes[i];
      if (!isFiniteBox(r)) {
        lx[i] = 1;
        hx[i] = 0;
        continue;
      }
      const a = Math.floor(r[0] / CELL), b = Math.floor(r[1] / CELL), c = Math.floor(r[2] / CELL), d = Math.floor(r[3] / CELL);
      x0 = Math.min(x0, a);
      y0 = Math.min(y0, b);
      x1 = Math.max(x1, c);
      y1 = Math.max(y1, d);
      lx[i] = a;
      ly[i] = b;
      hx[i] = c;
      hy[i] = d;
    }
    const empty = x0 > x1 || y0 > y1;
    this.x0 = empty ? 0 : x0;
    this.y0 = empty ? 0 : y0;
    this.cols = empty ? 0 : x1 - x0 + 1;
    this.rows = empty ? 0 : y1 - y0 + 1;
    this.dense = empty || (near(x0, y0, x1, y1) && this.cols * this.rows <= MAX_DENSE_CELLS);
    if (!this.dense) {
      this.start = new Int32Array(0);
      this.items = new Int32Array(0);
      return;
    }
    // Two passes: count each cell's boxes, then lay them out in box order.
    const cells = this.cols * this.rows;
    const start = new Int32Array(cells + 1);
    const rows = this.rows;
    for (let i = 0; i < boxes.length; i++)
      for (let cx = lx[i]; cx <= hx[i]; cx++) for (let cy = ly[i], c = (cx - x0) * rows + cy - y0; cy <= hy[i]; cy++, c++) start[c + 1]++;
    for (let c = 0; c < cells; c++) start[c + 1] += start[c];
    const items = new Int32Array(start[cells]);
    const fill = start.slice(0, -1);
    for (let i = 0; i < boxes.length; i++)
      for (let cx = lx[i]; cx <= hx[i]; cx++) for (let cy = ly[i], c = (cx - x0) * rows + cy - y0; cy <= hy[i]; cy++, c++) items[fill[c]++] = i;
    this.start = start;
    this.items = items;
  }

  /**
   * The boxes sharing a cell with [qx0, qy0, qx1, qy1], into `found`, in the
   * order described above; returns their count.
   */
  query(qx0: number, qy0: number, qx1: number, qy1: number): number {
    const ax = Math.floor(qx0 / CELL), ay = Math.floor(qy0 / CELL), bx = Math.floor(qx1 / CELL), by = Math.floor(qy1 / CELL);
    if (++this.stamp === 0xffff_ffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const { found, seen, stamp } = this;
    let n = 0;
    if (this.dense && near(ax, ay, bx, by)) {
      // Cells beyond the boxes' extent hold nothing.
      const cx1 = Math.min(bx, this.x0 + this.cols - 1);
      const cy0 = Math.max(ay, this.y0);
      const cy1 = Math.min(by, this.y0 + this.rows - 1);
      for (let cx = Math.max(ax, this.x0); cx <= cx1; cx++) {
        const col = (cx - this.x0) * this.rows - this.y0;
        for (let cy = cy0; cy <= cy1; cy++) {
          const c = col + cy;
          for (let k = this.start[c], end = this.start[c + 1]; k < end; k++) {
            const i = this.items[k];
            if (seen[i] === stamp) continue;
            seen[i] = stamp;
            found[n++] = i;
          }
        }
      }
      return n;
    }
    const map = (this.map ??= this.keyedCells());
    for (let cx = ax; cx <= bx; cx++)
      for (let cy = ay; cy <= by; cy++)
        for (const i of map.get(key(cx, cy)) ?? []) {
          if (seen[i] === stamp) continue;
          seen[i] = stamp;
          found[n++] = i;
        }
    return n;
  }

  /** The first version's cells, keyed as it keyed them. */
  private keyedCells(): Map<number, number[]> {
    const map = new Map<number, number[]>();
    this.boxes.forEach((r, i) => {
      if (!isFiniteBox(r)) return;
      for (let cx = Math.floor(r[0] / CELL); cx <= Math.floor(r[2] / CELL); cx++)
        for (let cy = Math.floor(r[1] / CELL); cy <= Math.floor(r[3] / CELL); cy++) {
          const list = map.get(key(cx, cy));
          if (list) list.push(i);
          else map.set(key(cx, cy), [i]);
        }
    });
    return map;
  }
}

function isFiniteBox(r: Box): boolean {
  return Number.isFinite(r[0]) && Number.isFinite(r[1]) && Number.isFinite(r[2]) && Number.isFinite(r[3]);
}
