import { describe, expect, it } from 'vitest';
import type { CharSource } from '../page-model.ts';
import { decodeCharMap, encodeCharMap } from './char-map-codec.ts';

const items = ['Evening', ' ', 'Star', '来到大陈村来到大陈村', 'wash-', 'ington'];
const len = (i: number) => (i >= 0 && i < items.length ? items[i].length : -1);
const whole = (i: number): CharSource[] => Array.from(items[i], (_, c) => [i, c]);
const roundTrip = (map: CharSource[]) => decodeCharMap(encodeCharMap(map, len), len);

describe('char map codec', () => {
  it('codes whole items in order as one character each', () => {
    const map = [...whole(0), ...whole(1), ...whole(2)];
    const text = encodeCharMap(map, len);
    expect(text).toHaveLength(3);
    expect(roundTrip(map)).toEqual(map);
  });
  it('keeps an overprint half, a dropped hyphen, inserted spaces and newlines, and jumps back', () => {
    const map: CharSource[] = [
      ...whole(3).slice(0, 5), // the first copy of an overprinted run
      [-1, -1],
      ...whole(4).slice(0, 4), // "wash" without its hyphen
      ...whole(5),
      [-1, -1],
      [-1, -1],
      ...whole(0).slice(3), // to the item's end
      ...whole(2).slice(1, 3), // a span in the middle, after a jump back
      [2, 1], // a repeated character is a new run
    ];
    expect(roundTrip(map)).toEqual(map);
  });
  it('is lossless for maps the shortcuts do not fit', () => {
    const odd: CharSource[] = [[99, 0], [99, 1], [-1, 5], [0, 40], [-3, -3], [1, 0]];
    expect(roundTrip(odd)).toEqual(odd);
    expect(roundTrip([])).toEqual([]);
  });
});
