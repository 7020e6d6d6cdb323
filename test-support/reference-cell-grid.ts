/**
 * The ALTO layout's first grid (core/layout/alto-layout.ts before CellIndex),
 * kept verbatim as the reference CellIndex must agree with: the candidates
 * near a box, each once, in the order a Set of the cells' lists gave them.
 */
const CELL = 32;

export function referenceGrid<T extends { rect: readonly [number, number, number, number] }>(xs: readonly T[]): (r: readonly number[]) => T[] {
  const grid = new Map<number, T[]>();
  const key = (cx: number, cy: number) => cx * 100_003 + cy;
  for (const x of xs) {
    const r = x.rect;
    if (!r.every(Number.isFinite)) continue;
    for (let cx = Math.floor(r[0] / CELL); cx <= Math.floor(r[2] / CELL); cx++)
      for (let cy = Math.floor(r[1] / CELL); cy <= Math.floor(r[3] / CELL); cy++) {
        const k = key(cx, cy);
        const list = grid.get(k);
        if (list) list.push(x);
        else grid.set(k, [x]);
      }
  }
  return (r) => {
    const out = new Set<T>();
    for (let cx = Math.floor(r[0] / CELL); cx <= Math.floor(r[2] / CELL); cx++)
      for (let cy = Math.floor(r[1] / CELL); cy <= Math.floor(r[3] / CELL); cy++) for (const x of grid.get(key(cx, cy)) ?? []) out.add(x);
    return [...out];
  };
}
