import { describe, expect, it } from 'vitest';
import type { Block } from '../page-model.ts';
import { correctBlock, correctBlocks, diffText } from './correct-block.ts';

const block: Block = { id: 'p1b0', kind: 'paragraph', text: 'Tbe mayor', rects: [], map: [...'Tbe mayor'].map((_, i) => [3, i] as [number, number]) };

describe('block corrections', () => {
  it('keeps the offset map of untouched characters and marks typed ones as inserted', () => {
    const fixed = correctBlock(block, 'The mayor!');
    expect(fixed.text).toBe('The mayor!');
    expect(fixed.corrected).toBe(true);
    expect(fixed.map).toEqual([[3, 0], [-1, -1], [3, 2], [3, 3], [3, 4], [3, 5], [3, 6], [3, 7], [3, 8], [-1, -1]]);
    expect(fixed.map).toHaveLength(fixed.text.length);
    // The original is untouched.
    expect(block.text).toBe('Tbe mayor');
  });

  it('leaves a block whose correction equals its text as it was, and applies only latest texts given', () => {
    expect(correctBlock(block, block.text)).toBe(block);
    expect(correctBlocks([block], new Map()).at(0)).toBe(block);
    expect(correctBlocks([block], new Map([['p1b0', 'x']]))[0].text).toBe('x');
  });

  it('diffs two versions character by character', () => {
    expect(diffText('Tbe mayor', 'The mayor')).toEqual([
      { text: 'T', op: 'same' },
      { text: 'b', op: 'removed' },
      { text: 'h', op: 'added' },
      { text: 'e mayor', op: 'same' },
    ]);
  });
});
