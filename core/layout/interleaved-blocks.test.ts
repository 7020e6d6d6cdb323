import { describe, expect, it } from 'vitest';
import { buildBlocks, type LineBlock } from './blocks.ts';
import type { Line, Segment } from './lines.ts';
import { mergeInterleaved } from './interleaved-blocks.ts';

/** A line of one segment: its box bottom is its baseline. */
function line(x0: number, x1: number, top: number, bottom: number): Line {
  const s: Segment = { index: 0, item: 0, glyphs: [0], x0, x1, top, bottom, size: bottom - top, em: 5, vertical: false, spaceAfter: -1 };
  return { segs: [s], x0, x1, top, bottom, size: bottom - top, chars: 40, gapSum: 0, gaps: 0 };
}

describe('mergeInterleaved', () => {
  it('makes one block of a list whose OCR boxes alternate tall and short line by line', () => {
    // As the 1859 patent list: baselines every 9 pt, names boxed 17 pt tall, the lines between 11 pt.
    const lines = Array.from({ length: 8 }, (_, k) => (k % 2 ? line(260, 480, 111 + 9 * k, 122 + 9 * k) : line(268, 484, 105 + 9 * k, 122 + 9 * k)));
    const blocks = buildBlocks(lines);
    // By size the lines fall into two blocks taking every other line.
    expect(blocks.length).toBeGreaterThan(1);
    const out = mergeInterleaved(blocks);
    expect(out).toHaveLength(1);
    expect(out[0].lines).toEqual(lines);
  });

  it('leaves side-by-side columns, a block above another and a table row beside its column alone', () => {
    const block = (ls: Line[]): LineBlock => ({
      lines: ls,
      x0: Math.min(...ls.map((l) => l.x0)),
      x1: Math.max(...ls.map((l) => l.x1)),
      top: Math.min(...ls.map((l) => l.top)),
      bottom: Math.max(...ls.map((l) => l.bottom)),
    });
    const left = block([0, 1, 2, 3].map((k) => line(50, 200, 101 + 10 * k, 110 + 10 * k)));
    // Its lines 5 pt lower than the left column's, overlapping its box: another column.
    const right = block([0, 1, 2, 3].map((k) => line(205, 355, 106 + 10 * k, 115 + 10 * k)));
    const below = block([0, 1].map((k) => line(50, 200, 151 + 10 * k, 160 + 10 * k)));
    // A line on the same baseline as one of the left column's (a table row's figures).
    const beside = block([line(150, 198, 111, 120)]);
    expect(mergeInterleaved([left, right, below, beside])).toEqual([left, right, below, beside]);
  });
});
