import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scripts/fixtures/prng.ts';
import type { Segment } from './lines.ts';
import { findRivers } from './rivers.ts';
import { clipAtGutters } from './gutter-clip.ts';
import type { StreamLines } from './stream-links.ts';

const SIZE = 8;
const PITCH = 9;

let made = 0;
function seg(x0: number, x1: number, bottom: number, top = bottom - SIZE): Segment {
  return { index: made++, item: 0, glyphs: [0, 1, 2, 3, 4, 5], x0, x1, top, bottom, size: bottom - top, em: 5, vertical: false, spaceAfter: -1 };
}

/** Two justified columns 7 pt apart, words at shifting positions (as rivers.test.ts). */
function twoColumns(lines: number): Segment[] {
  const segs: Segment[] = [];
  const rand = createPrng(7);
  for (let k = 0; k < lines; k++)
    for (const [x0, x1] of [
      [50, 200],
      [207, 357],
    ]) {
      let x = x0;
      while (x < x1) {
        const w = Math.min(20 + 20 * rand(), x1 - x);
        segs.push(seg(x, x + w, 100 + k * PITCH));
        x += w + 4 + 2 * rand();
      }
    }
  return segs;
}

describe('clipAtGutters', () => {
  it('cuts a word boxed across the gutter back to its own column, keeping its glyphs', () => {
    const segs = twoColumns(30);
    // The last word of a left-column line, boxed 25 pt tall and 30 pt into the right column
    // (the 1859 page's "improvement", printed "im-").
    const y = 100 + 15 * PITCH;
    const last = segs.filter((s) => s.bottom === y && s.x1 <= 200).pop()!;
    const wide = seg(last.x0, 230, y + 8, y - 17);
    segs.splice(segs.indexOf(last), 1, wide);
    const prev = segs.filter((s) => s.bottom === y && s.x1 <= wide.x0).pop()!;
    const stream: StreamLines = { prev: [], next: [], ends: new Uint8Array(made), starts: new Uint8Array(made) };
    stream.prev[wide.index] = prev;
    stream.next[prev.index] = wide;
    expect(clipAtGutters(segs, findRivers(segs), stream)).toBe(1);
    expect(wide.x1).toBeGreaterThan(200);
    expect(wide.x1).toBeLessThan(207);
    expect(wide.glyphs).toHaveLength(6);
    // Nothing else was touched.
    expect(segs.filter((s) => s !== wide && (s.x1 > 200 && s.x0 < 207))).toEqual([]);
  });

  it('leaves display type set across a gutter alone', () => {
    const segs = twoColumns(30);
    const head = { ...seg(150, 260, 100 + 15 * PITCH, 100 + 15 * PITCH - 30), em: 16 };
    segs.push(head);
    expect(clipAtGutters(segs, findRivers(segs))).toBe(0);
    expect([head.x0, head.x1]).toEqual([150, 260]);
  });
});
