import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scripts/fixtures/prng.ts';
import { buildBlocks, typicalSize } from './blocks.ts';
import type { Glyphs } from './glyphs.ts';
import type { Line } from './lines.ts';

function line(x0: number, x1: number, bottom: number, size: number): Line {
  return { segs: [], x0, x1, top: bottom - size, bottom, size, chars: 40, gapSum: 0, gaps: 0 };
}

describe('buildBlocks', () => {
  it('keeps a column whose OCR line boxes overlap in one block, not two interleaved ones', () => {
    // Lines from the 1870 LoC scan: boxes ~15 pt tall on an 8–9 pt pitch. The
    // short second line is too small to join and opens a block of its own; by
    // box gap every other line below then continues the other block.
    const rows: Array<[x0: number, x1: number, top: number, bottom: number, size: number]> = [
      [1148, 1356, 1170.8, 1186.7, 12.6],
      [1147, 1183, 1179.4, 1189.8, 10.4],
      [1155, 1356, 1187.6, 1201.8, 11.4],
      [1147, 1356, 1195.2, 1210.7, 11.8],
      [1147, 1355, 1204.2, 1220.5, 12.2],
      [1147, 1356, 1211.4, 1226.2, 11.3],
      [1146, 1356, 1228.6, 1243.9, 11.7],
    ];
    const lines = rows.map(([x0, x1, top, bottom, size]) => ({ ...line(x0, x1, bottom, size), top }));
    const blocks = buildBlocks(lines);
    // Top to bottom, each block's lines come in one unbroken run.
    const ids = lines.map((l) => blocks.findIndex((b) => b.lines.includes(l)));
    const runs = ids.filter((id, k) => k === 0 || id !== ids[k - 1]);
    expect(new Set(runs).size).toBe(runs.length);
    expect(blocks.length).toBeLessThanOrEqual(2);
  });

  it('still starts a new block at a paragraph-sized vertical gap and in another column', () => {
    const col1 = [0, 1, 2].map((k) => line(100, 300, 300 + 12 * k, 10));
    const below = [0, 1].map((k) => line(100, 300, 360 + 12 * k, 10));
    const col2 = [0, 1, 2].map((k) => line(320, 520, 300 + 12 * k, 10));
    const blocks = buildBlocks([...col1, ...below, ...col2]);
    expect(blocks.map((b) => b.lines.length).sort()).toEqual([2, 3, 3]);
  });

  it('keeps a short CJK subhead out of the column below it, but lets a short Latin OCR line join its paragraph', () => {
    // Glyphs 0–4: a 14 pt CJK subhead (five ideographs); 5–9: "city." of a Latin paragraph.
    const cjk = new Uint8Array(10);
    cjk.fill(1, 0, 5);
    const g = { cjk } as unknown as Glyphs;
    const withGlyphs = (l: Line, from: number, to: number): Line => {
      const glyphs = Array.from({ length: to - from }, (_, k) => from + k);
      return { ...l, chars: glyphs.length, segs: [{ index: 0, item: 0, glyphs, x0: l.x0, x1: l.x1, top: l.top, bottom: l.bottom, size: l.size, em: l.size, vertical: false, spaceAfter: -1 }] };
    };
    // From the photo fixture: subhead 14 pt (box 275–292), body 10.5 pt (boxes 13 pt tall) on a 16.8 pt pitch.
    const head = withGlyphs({ ...line(40, 110, 292, 14), top: 275 }, 0, 5);
    const body = [0, 1, 2].map((k) => ({ ...line(40, 183, 312 + 16.8 * k, 10.5), top: 299 + 16.8 * k }));
    const heads = buildBlocks([head, ...body], g);
    expect(heads.map((b) => b.lines.length)).toEqual([1, 3]);
    // From the 1870 LoC scan: the last line "city." of a 9.5 pt paragraph measures 11.6 pt.
    const para = [0, 1, 2].map((k) => line(100, 300, 500 + 7.4 * k, 9.5));
    const city = withGlyphs(line(100, 120, 500 + 7.4 * 3, 11.6), 5, 10);
    expect(buildBlocks([...para, city], g).map((b) => b.lines.length)).toEqual([4]);
  });
});

describe('typicalSize', () => {
  it('is the size of the word where the glyph count passes half, the words taken by size', () => {
    const rand = createPrng(5);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rand() * 40);
      // Few distinct sizes, so ties are common.
      const segs = Array.from({ length: n }, () => ({ size: 8 + Math.floor(rand() * 4), glyphs: new Array(1 + Math.floor(rand() * 9)).fill(0) }));
      const chars = segs.reduce((c, s) => c + s.glyphs.length, 0);
      const line = { segs, chars, size: 9.5 } as unknown as Line;
      // The definition: a copy sorted by size, walked until half the glyphs are passed.
      let want = line.size;
      if (n >= 3) {
        let acc = 0;
        for (const s of [...segs].sort((a, b) => a.size - b.size)) if (2 * (acc += s.glyphs.length) >= chars) {
          want = s.size;
          break;
        }
      }
      expect(typicalSize(line)).toBe(want);
    }
  });
});
