import { describe, expect, it } from 'vitest';
import type { Block, RawItem } from './page-model.ts';
import { blockSpans, blockStarts, pageText, rangeRects, rangeSources } from './page-text.ts';

const item = (str: string, x: number, y: number): RawItem => ({
  str,
  font: 'f',
  size: 10,
  transform: [10, 0, 0, 10, x, y],
  rect: [x, y, x + 10 * str.length, y + 10],
  eol: true,
});
const items = [item('职工之家', 0, 0), item('工会', 0, 20)];
const blocks: Block[] = [
  { id: 'p1b0', kind: 'headline', text: '职工之家', rects: [], map: [[0, 0], [0, 1], [0, 2], [0, 3]] },
  { id: 'p1b1', kind: 'paragraph', text: '工会', rects: [], map: [[1, 0], [1, 1]] },
];

describe('page text', () => {
  it('joins blocks with a newline and knows where each starts', () => {
    expect(pageText(blocks)).toBe('职工之家\n工会');
    expect(blockStarts(blocks)).toEqual([0, 5]);
  });

  it('splits a range across blocks, leaving the separator out', () => {
    expect(blockSpans(blocks, 2, 7)).toEqual([
      { block: 0, start: 2, end: 4 },
      { block: 1, start: 0, end: 2 },
    ]);
    expect(rangeSources(blocks, 2, 7)).toEqual([[0, 2], [0, 3], [1, 0], [1, 1]]);
  });

  it('maps a range to the rectangles of exactly its characters', () => {
    expect(rangeRects(items, blocks, 0, 2)).toEqual([[0, 0, 20, 10]]);
    expect(rangeRects(items, blocks, 5, 7)).toEqual([[0, 20, 20, 30]]);
  });
});
