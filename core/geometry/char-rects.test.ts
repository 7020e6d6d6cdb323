import { describe, expect, it } from 'vitest';
import { charRect, charRects, mergeRects, scaleRect } from './char-rects.ts';
import type { Rect } from '../page-model.ts';

const h = (str: string, rect: Rect) => ({ str, rect });

describe('charRect', () => {
  it('slices a horizontal item evenly along x', () => {
    expect(charRect(h('abcd', [10, 20, 50, 30]), 0)).toEqual([10, 20, 20, 30]);
    expect(charRect(h('abcd', [10, 20, 50, 30]), 3)).toEqual([40, 20, 50, 30]);
  });
  it('slices a vertical item along y', () => {
    expect(charRect({ str: '来到', rect: [5, 0, 15, 20], vertical: true }, 1)).toEqual([5, 10, 15, 20]);
  });
  it('has no box outside the item or for text dumps', () => {
    expect(charRect(h('ab', [0, 0, 10, 10]), 2)).toBeNull();
    expect(charRect(h('ab', [0, 0, 10, 10]), -1)).toBeNull();
    expect(charRect(h('ab', [0, 0, 0, 0]), 0)).toBeNull();
  });
});

describe('mergeRects', () => {
  it('joins touching boxes on a line and keeps separate lines apart', () => {
    expect(
      mergeRects([
        [0, 0, 10, 10],
        [10, 0, 20, 10],
        [0, 12, 10, 22],
      ]),
    ).toEqual([
      [0, 0, 20, 10],
      [0, 12, 10, 22],
    ]);
  });
  it('bridges a word space but not a column gap', () => {
    expect(mergeRects([[0, 0, 10, 10], [14, 0, 20, 10]])).toEqual([[0, 0, 20, 10]]);
    expect(mergeRects([[0, 0, 10, 10], [100, 0, 110, 10]])).toHaveLength(2);
  });
  it('joins consecutive glyphs of a vertical column', () => {
    expect(mergeRects([[0, 0, 10, 10], [0, 10, 10, 20]])).toEqual([[0, 0, 10, 20]]);
  });
});

describe('charRects', () => {
  const items = [h('来来到到', [100, 50, 140, 60]), h('大陈村', [140, 50, 170, 60]), h('next line', [100, 62, 190, 72])];
  it('maps sources to one merged box per line', () => {
    // "来到大" taken from the first of each overprinted pair, then "大" from item 1.
    expect(charRects(items, [[0, 0], [0, 2], [1, 0]])).toEqual([[100, 50, 150, 60]]);
  });
  it('skips inserted characters and unknown items', () => {
    expect(charRects(items, [[-1, -1], [9, 0]])).toEqual([]);
  });
  it('splits at line breaks', () => {
    expect(charRects(items, [[1, 2], [2, 0]])).toEqual([
      [160, 50, 170, 60],
      [100, 62, 110, 72],
    ]);
  });
});

it('scaleRect multiplies every coordinate', () => {
  expect(scaleRect([1, 2, 3, 4], 1.5)).toEqual([1.5, 3, 4.5, 6]);
});
