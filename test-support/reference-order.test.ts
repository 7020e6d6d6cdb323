import { describe, expect, it } from 'vitest';
import type { Rect } from '../core/page-model.ts';
import { matchReference, scoreOrder, type ReferenceWord } from './reference-order.ts';

/** Two reference columns of three words each: block 0 on the left, block 1 on the right. */
const words: ReferenceWord[] = [
  { rect: [10, 10, 40, 20], block: 0 },
  { rect: [10, 30, 40, 40], block: 0 },
  { rect: [10, 50, 40, 60], block: 0 },
  { rect: [60, 10, 90, 20], block: 1 },
  { rect: [60, 30, 90, 40], block: 1 },
  { rect: [60, 50, 90, 60], block: 1 },
];

describe('matchReference', () => {
  it('matches each block to the reference block whose words it covers most', () => {
    const blocks: Rect[][] = [[[0, 0, 50, 65]], [[55, 0, 100, 65]], [[200, 200, 210, 210]]];
    expect(matchReference(blocks, words)).toEqual([
      { block: 0, purity: 1 },
      { block: 1, purity: 1 },
      { block: -1, purity: 0 },
    ]);
  });

  it('reports a block that bridges two reference blocks as impure', () => {
    // Covers all of column 0's first word and half of column 1's first word.
    const [m] = matchReference([[[10, 10, 75, 20]]], words);
    expect(m.block).toBe(0);
    expect(m.purity).toBeCloseTo(300 / 450, 6);
  });

  it('sums the area over all of a block’s rects, counting each word once', () => {
    const [m] = matchReference([[[60, 10, 90, 20], [60, 30, 90, 60], [10, 10, 20, 20]]], words);
    expect(m.block).toBe(1);
    expect(m.purity).toBeCloseTo(900 / 1000, 6);
  });
});

describe('scoreOrder', () => {
  it('counts backward steps and discordant pairs, ignoring unmatched entries', () => {
    expect(scoreOrder([0, 0, 1, 2, 2])).toEqual({ backwardSteps: 0, steps: 4, discordant: 0, comparable: 8 });
    expect(scoreOrder([1, -1, 0, 2])).toEqual({ backwardSteps: 1, steps: 2, discordant: 1, comparable: 3 });
    expect(scoreOrder([2, 1, 0])).toEqual({ backwardSteps: 2, steps: 2, discordant: 3, comparable: 3 });
  });

  it('agrees with the quadratic pair count on a scrambled sequence', () => {
    const seq = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
    let discordant = 0;
    let comparable = 0;
    for (let a = 0; a < seq.length; a++)
      for (let b = a + 1; b < seq.length; b++) {
        if (seq[a] !== seq[b]) comparable++;
        if (seq[a] > seq[b]) discordant++;
      }
    expect(scoreOrder(seq)).toMatchObject({ discordant, comparable });
  });
});
