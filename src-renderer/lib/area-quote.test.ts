import { describe, expect, it } from 'vitest';
import { areaQuote } from './area-quote.ts';

/** Two lines of one block, each word an item drawn 10 pt per character (x from 0), lines 20 pt apart. */
const line = (str: string, y: number) => ({ str, rect: [0, y, str.length * 10, y + 10] as [number, number, number, number] });
const items = [line('the telegraph arrived', 0), line('late last night', 20)];
const text = 'the telegraph arrived\nlate last night';
const map = [...text].map((c, i): [number, number] => (i < 21 ? [0, i] : i === 21 ? [-1, -1] : [1, i - 22]));
const blocks = [{ id: 'b1', text, map }];

describe('areaQuote', () => {
  it('quotes the whole words the box cuts, as the library saves them', () => {
    // From the middle of "telegraph" (x 70) to the middle of "arrived" (x 180), the first line only.
    expect(areaQuote({ items, blocks }, [70, 0, 180, 10])).toBe('telegraph arrived');
  });

  it('joins separate stretches as the Annotations panel shows a saved quote', () => {
    // The left edge of both lines: "the" on the first, "late" on the second, the rest of line 1 outside the box.
    expect(areaQuote({ items, blocks }, [0, 0, 25, 30])).toBe('the … late');
  });

  it('is empty with no page or no text in the area', () => {
    expect(areaQuote(null, [0, 0, 10, 10])).toBe('');
    expect(areaQuote({ items, blocks }, [300, 300, 400, 400])).toBe('');
  });
});
