import { describe, expect, it } from 'vitest';
import { createPrng as random } from '../../scripts/fixtures/prng.ts';
import { CELL, CellIndex } from './cell-index.ts';
import { referenceGrid } from '../../test-support/reference-cell-grid.ts';

type Box = [number, number, number, number];

/** Word-like boxes on a 1224 × 1584 page: many on cell borders, some repeated exactly (ties), some broken. */
function pageBoxes(rnd: () => number, n: number): Box[] {
  const out: Box[] = [];
  for (let i = 0; i < n; i++) {
    const roll = rnd();
    if (roll < 0.1 && out.length) out.push([...out[Math.floor(rnd() * out.length)]]);
    else if (roll < 0.2) {
      // Corners on cell borders, where floor() decides which cells a box touches.
      const x = CELL * Math.floor(rnd() * 38);
      const y = CELL * Math.floor(rnd() * 49);
      out.push([x, y, x + CELL * Math.floor(rnd() * 3), y + CELL * Math.floor(rnd() * 2)]);
    } else if (roll < 0.22) out.push([NaN, 10, 20, 30]);
    else if (roll < 0.23) out.push([0, 0, Infinity, 40]);
    else if (roll < 0.25) out.push([-40 + rnd() * 30, rnd() * 1584, rnd() * 60, rnd() * 1584 + 20]);
    else {
      const x = rnd() * 1224;
      const y = rnd() * 1584;
      out.push([x, y, x + 2 + rnd() * (roll < 0.3 ? 400 : 60), y + 4 + rnd() * (roll < 0.3 ? 200 : 14)]);
    }
  }
  return out;
}

/** Both indexes' answers for every query, as box indices. */
function answers(boxes: Box[], queries: Box[]): { ours: number[][]; reference: number[][] } {
  const refs = boxes.map((rect, i) => ({ rect, i }));
  const near = referenceGrid(refs);
  const index = new CellIndex(boxes);
  return {
    ours: queries.map((q) => [...index.found.subarray(0, index.query(q[0], q[1], q[2], q[3]))]),
    reference: queries.map((q) => near(q).map((r) => r.i)),
  };
}

/** bestWord's rule: the best overlap over union, the first of equal ones. */
function best(boxes: Box[], q: Box, candidates: number[]): number {
  const area = Math.max(1e-6, (q[2] - q[0]) * (q[3] - q[1]));
  let [pick, fit] = [-1, 0];
  for (const i of candidates) {
    const r = boxes[i];
    const w = Math.min(q[2], r[2]) - Math.max(q[0], r[0]);
    const h = Math.min(q[3], r[3]) - Math.max(q[1], r[1]);
    if (!(w > 0 && h > 0)) continue;
    const f = (w * h) / (area + (r[2] - r[0]) * (r[3] - r[1]) - w * h);
    if (f > fit) [pick, fit] = [i, f];
  }
  return pick;
}

describe('CellIndex', () => {
  it('gives the first grid’s candidates in its order on generated pages, ties and broken boxes included', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = random(seed);
      const boxes = pageBoxes(rnd, 400);
      // An infinite query box would walk cells for ever, in the first grid as here: segments have finite boxes.
      const queries = [...pageBoxes(rnd, 300), ...boxes.slice(0, 100)].filter((q) => !q.includes(Infinity));
      const { ours, reference } = answers(boxes, queries);
      expect(ours).toEqual(reference);
      // The word bestWord keeps is then the same too, of equal fits the first.
      expect(queries.map((q, k) => best(boxes, q, ours[k]))).toEqual(queries.map((q, k) => best(boxes, q, reference[k])));
      expect(queries.some((q, k) => ours[k].length > 1 && best(boxes, q, ours[k]) >= 0)).toBe(true);
    }
  });

  it('keeps the first of exactly equal boxes, wherever the query starts', () => {
    const same: Box = [40, 40, 100, 52];
    const boxes: Box[] = [[0, 0, 10, 10], same, [...same], [35, 38, 101, 53], [...same]];
    const index = new CellIndex(boxes);
    const n = index.query(41, 41, 99, 51);
    expect([...index.found.subarray(0, n)]).toEqual(referenceGrid(boxes.map((rect, i) => ({ rect, i })))([41, 41, 99, 51]).map((r) => r.i));
    expect(best(boxes, [41, 41, 99, 51], [...index.found.subarray(0, n)])).toBe(1);
  });

  it('answers as the first grid did for boxes and queries far off the page, where its cell keys coincide', () => {
    // Cell (0, 100003) had the key of cell (1, 0); a query at cell (1, -100003) met the boxes of cell (0, 0).
    const boxes: Box[] = [
      [5, 5, 20, 20],
      [40, 3, 50, 9],
      [10, 100_003 * CELL + 1, 20, 100_003 * CELL + 9],
    ];
    const queries: Box[] = [
      [33, 1, 60, 10],
      [33, -100_003 * CELL + 1, 40, -100_003 * CELL + 5],
      [0, 0, 70, 30],
      [NaN, 0, 10, 10],
      [-1e7, -1e7, -1e7 + 5, -1e7 + 5],
    ];
    const far = answers(boxes, queries);
    expect(far.ours).toEqual(far.reference);
    expect(far.ours[0]).toEqual([1, 2]);
    // Boxes on the page only (the array of cells), queries far off it.
    const page = answers(boxes.slice(0, 2), queries);
    expect(page.ours).toEqual(page.reference);
    expect(page.ours[1]).toEqual([0]);
  });

  it('copes with no boxes, and with a query over every cell', () => {
    expect(new CellIndex([]).query(0, 0, 100, 100)).toBe(0);
    const boxes = pageBoxes(random(99), 200);
    const { ours, reference } = answers(boxes, [[-1e4, -1e4, 1e4, 1e4]]);
    expect(ours).toEqual(reference);
  });
});
