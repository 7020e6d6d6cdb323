import { describe, expect, it } from 'vitest';
import type { Segment } from './lines.ts';
import { findRivers } from './rivers.ts';

const SIZE = 8;
const PITCH = 9;

function seg(x0: number, x1: number, bottom: number): Segment {
  return { item: 0, glyphs: [0], x0, x1, top: bottom - SIZE, bottom, size: SIZE, em: SIZE, vertical: false, spaceAfter: -1 };
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
  let seed = 7;
  const rand = () => ((seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff);
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

  it('finds nothing without horizontal text', () => {
    expect(findRivers([]).crosses(0, 100, 0, 100)).toBe(false);
  });
});
