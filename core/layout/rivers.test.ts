import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scripts/fixtures/prng.ts';
import type { Segment } from './lines.ts';
import { findRivers, gutterCells, runLengths } from './rivers.ts';

const SIZE = 8;
const PITCH = 9;

function seg(x0: number, x1: number, bottom: number): Segment {
  return { index: 0, item: 0, glyphs: [0], x0, x1, top: bottom - SIZE, bottom, size: SIZE, em: SIZE, vertical: false, spaceAfter: -1 };
}

/**
 * Two justified columns, 150 pt wide, 7 pt apart (as narrow as a word space),
 * `lines` lines each; words 20–40 pt wide with 4–6 pt spaces at shifting
 * positions, so no word space lines up with the one above.
 */
function twoColumns(lines: number, top = 100): { segs: Segment[]; gutter: [number, number] } {
  const segs: Segment[] = [];
  const cols: Array<[number, number]> = [
    [50, 200],
    [207, 357],
  ];
  const rand = createPrng(7);
  for (let k = 0; k < lines; k++) {
    const bottom = top + k * PITCH;
    for (const [x0, x1] of cols) {
      let x = x0;
      while (x < x1) {
        const w = Math.min(20 + 20 * rand(), x1 - x);
        segs.push(seg(x, x + w, bottom));
        x += w + 4 + 2 * rand();
      }
    }
  }
  return { segs, gutter: [200, 207] };
}

describe('findRivers', () => {
  it('finds a gutter as narrow as a word space down a long pair of columns', () => {
    const { segs, gutter } = twoColumns(20);
    const rivers = findRivers(segs);
    const mid = 100 + 10 * PITCH;
    expect(rivers.crosses(gutter[0], gutter[1], mid - SIZE, mid)).toBe(true);
  });

  it('does not take a word space for a gutter', () => {
    const { segs } = twoColumns(20);
    const rivers = findRivers(segs);
    // Every gap between neighbouring words of one column line.
    let spaces = 0;
    for (let i = 1; i < segs.length; i++) {
      const a = segs[i - 1];
      const b = segs[i];
      if (a.bottom !== b.bottom || b.x0 <= a.x1 || b.x0 >= 207 !== a.x0 >= 207) continue;
      spaces++;
      expect(rivers.crosses(a.x1, b.x0, b.top, b.bottom)).toBe(false);
    }
    expect(spaces).toBeGreaterThan(100);
  });

  it('needs a long run beside text: a few lines with margins above and below are no gutter', () => {
    const { segs, gutter } = twoColumns(4);
    const rivers = findRivers(segs);
    expect(rivers.crosses(gutter[0], gutter[1], 100 + PITCH - SIZE, 100 + PITCH)).toBe(false);
  });

  it('is not fooled by a blank area beside a column', () => {
    // One column only: the whitespace to its right is not flanked by text.
    const { segs } = twoColumns(20);
    const left = segs.filter((s) => s.x1 <= 200);
    const rivers = findRivers(left);
    expect(rivers.crosses(200, 260, 100 + 10 * PITCH - SIZE, 100 + 10 * PITCH)).toBe(false);
  });

  it('a word gap lined up down three heading lines is no gutter, however many body rows they fill', () => {
    // The 1918 Evening Star's "U. S. WAR SPIRIT" (46 pt, six body sizes) over two 17 pt lines of its deck, each
    // with a word gap at about the same x: 21 body-size rows of whitespace, but beside three lines only.
    const { segs } = twoColumns(20);
    const heading = (x0: number, gap0: number, gap1: number, x1: number, bottom: number, size: number): Segment[] =>
      [
        [x0, gap0],
        [gap1, x1],
      ].map(([a, b]) => ({ ...seg(a, b, bottom), top: bottom - size, size, em: size }));
    const lines = [heading(50, 120, 124, 200, 448, 48), heading(50, 121, 125, 200, 470, 17), heading(50, 119.5, 123.5, 200, 488, 17)];
    const rivers = findRivers([...segs, ...lines.flat()]);
    for (const [a, b] of lines) expect(rivers.crosses(a.x1, b.x0, b.top, b.bottom)).toBe(false);
    // The same three gaps with more lines below them (body lines, 9 pt apart) are a gutter again.
    const body = Array.from({ length: 4 }, (_, k) => [seg(50, 121, 500 + k * PITCH), seg(124, 200, 500 + k * PITCH)]);
    const longer = findRivers([...segs, ...lines.flat(), ...body.flat()]);
    expect(longer.crosses(121, 123.5, 470 - 17, 470)).toBe(true);
  });

  it('finds nothing without horizontal text', () => {
    expect(findRivers([]).crosses(0, 100, 0, 100)).toBe(false);
  });
});

/** A random grid of cell states (0 blank, 1 text, 2 flanked blank), mostly text and flanked blanks, like a page's. */
function randomGrid(cols: number, rows: number, seed: number): Uint8Array {
  const rand = createPrng(seed);
  const cell = new Uint8Array(cols * rows);
  for (let i = 0; i < cell.length; i++) {
    const x = rand();
    cell[i] = x < 0.45 ? 1 : x < 0.9 ? 2 : 0;
  }
  // A few long gutters, interrupted now and then.
  for (const c of [7, 20]) for (let r = 0; r < rows; r++) cell[r * cols + c] = rand() < 0.1 ? 1 : rand() < 0.2 ? 0 : 2;
  return cell;
}

describe('runLengths', () => {
  /** The definition, walked down each column (as rivers.ts once did). */
  function byColumn(cell: Uint8Array, cols: number, rows: number, maxBlank: number): Uint8Array {
    const run = new Uint8Array(cols * rows);
    for (let c = 0; c < cols; c++) {
      let r = 0;
      while (r < rows) {
        if (cell[r * cols + c] !== 2) {
          r++;
          continue;
        }
        let last = r;
        let count = 0;
        for (let e = r; e < rows && e - last <= maxBlank; e++) {
          const v = cell[e * cols + c];
          if (v === 1) break;
          if (v === 2) {
            count++;
            last = e;
          }
        }
        for (let k = r; k <= last; k++) run[k * cols + c] = Math.min(count, 0xff);
        r = last + 1;
      }
    }
    return run;
  }

  it('gives each flanked cell the length of its run, walking row by row', () => {
    for (const seed of [1, 2, 3]) {
      const cell = randomGrid(31, 300, seed);
      for (const maxBlank of [1, 3]) expect(runLengths(cell, 31, 300, maxBlank)).toEqual(byColumn(cell, 31, 300, maxBlank));
    }
  });

  it('caps a run beside too few line starts', () => {
    // One column: five flanked rows beside one line start, then text, then three flanked rows beside two.
    const cell = Uint8Array.from([2, 2, 2, 2, 2, 1, 2, 2, 2]);
    const starts = Uint8Array.from([1, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect([...runLengths(cell, 1, 9, 3, { starts, minLines: 2, cap: 4 })]).toEqual([4, 4, 4, 4, 4, 0, 3, 3, 3]);
    expect([...runLengths(cell, 1, 9, 3)]).toEqual([5, 5, 5, 5, 5, 0, 3, 3, 3]);
  });

  it('counts a run across short blanks but not across text', () => {
    // One column: flanked, blank, flanked, text, flanked.
    const cell = Uint8Array.from([2, 0, 2, 1, 2]);
    expect([...runLengths(cell, 1, 5, 3)]).toEqual([2, 2, 2, 0, 1]);
  });
});

describe('gutterCells', () => {
  it('flags the cells where a river or the band test finds a gutter', () => {
    const cols = 31;
    const rows = 300;
    const [minRun, band] = [16, 24];
    let gutters = 0;
    let byBand = 0;
    for (const seed of [5, 6]) {
      const cell = randomGrid(cols, rows, seed);
      const run = runLengths(cell, cols, rows, 3);
      const flags = gutterCells(cell, run, cols, rows, minRun, band);
      for (let c = 0; c < cols; c++) {
        for (let r = 0; r < rows; r++) {
          // The band test cell by cell: flanked blank and text rows within `band` rows.
          let f = 0;
          let t = 0;
          for (let k = Math.max(0, r - band); k < Math.min(rows, r + band + 1); k++) {
            f += cell[k * cols + c] === 2 ? 1 : 0;
            t += cell[k * cols + c] === 1 ? 1 : 0;
          }
          const i = r * cols + c;
          const river = run[i] >= minRun >> 1;
          const banded = cell[i] === 2 && f >= minRun && f >= 0.6 * (f + t);
          expect(flags[i], `row ${r} column ${c}`).toBe(river || banded ? 1 : 0);
          gutters += river || banded ? 1 : 0;
          byBand += banded && !river ? 1 : 0;
        }
      }
    }
    // The grids have gutters of both kinds and other cells alike: the test compares something.
    expect(byBand).toBeGreaterThan(100);
    expect(gutters).toBeGreaterThan(100);
    expect(gutters).toBeLessThan(2 * cols * rows - 100);
  });
});
