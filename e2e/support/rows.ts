/** A locator's bounding box, as Playwright gives it. */
export type Box = { x: number; y: number; width: number; height: number };

/** How many rows the boxes sit in: boxes whose vertical middles are within a few px share a row. */
export function rowsOf(boxes: Box[]): number {
  const middles = boxes.map((b) => b.y + b.height / 2).sort((a, b) => a - b);
  let rows = 0;
  let last = -Infinity;
  for (const m of middles) {
    if (m - last > 6) rows++;
    last = m;
  }
  return rows;
}
