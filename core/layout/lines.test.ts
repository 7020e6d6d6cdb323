import { describe, expect, it } from 'vitest';
import { buildGlyphs } from './glyphs.ts';
import { buildLines, buildSegments, mergeJustifiedFragments, sortByX0, type Segment } from './lines.ts';
import { advance, item, page } from './synthetic-page.ts';
import { findRivers } from './rivers.ts';
import type { RawItem } from '../page-model.ts';

const SIZE = 9;
const LEAD = 11;

function linesOf(items: RawItem[]) {
  const p = page(items);
  const g = buildGlyphs(p);
  return buildLines(g, buildSegments(g, new Uint8Array(g.count)));
}

/** A justified line: words spread evenly over [x, x + width]. */
function justified(words: string[], x: number, width: number, baseline: number): RawItem[] {
  const ink = words.reduce((w, s) => w + advance(s, SIZE), 0);
  const space = (width - ink) / (words.length - 1);
  let at = x;
  return words.map((w) => {
    const it = item(w, at, baseline, SIZE);
    at += advance(w, SIZE) + space;
    return it;
  });
}

const FULL = ['the', 'council', 'met', 'on', 'tuesday', 'evening', 'to', 'discuss', 'it'];

function column(x: number, top: number, sparse: number[], n = 5): RawItem[] {
  const out: RawItem[] = [];
  for (let k = 0; k < n; k++) {
    const words = sparse.includes(k) ? ['expenditures', 'considerable', 'gentleman'] : FULL;
    out.push(...justified(words, x, 170, top + k * LEAD));
  }
  return out;
}

describe('mergeJustifiedFragments', () => {
  it('rejoins a sparse justified line whose word spaces exceed the gap limit', () => {
    const before = linesOf(column(36, 100, [2]));
    expect(before.length).toBeGreaterThan(5);
    const after = mergeJustifiedFragments(before);
    expect(after).toHaveLength(5);
    expect(after.every((l) => l.x0 < 37 && l.x1 > 205)).toBe(true);
  });

  it('does not join two columns across a gutter, even beside a sparse line', () => {
    const items = [...column(36, 100, [2]), ...column(220, 100, [])];
    const after = mergeJustifiedFragments(linesOf(items));
    expect(after).toHaveLength(10);
    expect(after.filter((l) => l.x0 < 100).every((l) => l.x1 < 210)).toBe(true);
  });

  it('does not take a neighbour that itself bridges a gutter as a witness', () => {
    // Two columns 8 pt apart whose words are 4 pt apart: the lines above and
    // below run across the gutter (a hole twice their word space there).
    const words = (x: number, baseline: number, n: number) => Array.from({ length: n }, (_, k) => item('word', x + k * 22, baseline, SIZE, { width: 18 }));
    const row = (k: number) => [...words(36, 100 + k * LEAD, 5), ...words(150, 100 + k * LEAD, 5)];
    const lines = linesOf([...row(0), ...words(36, 100 + LEAD, 4), ...words(150, 100 + LEAD, 5), ...row(2)]);
    expect(lines.filter((l) => l.x0 < 40 && l.x1 > 200)).toHaveLength(2);
    const middle = mergeJustifiedFragments(lines).filter((l) => Math.abs(l.bottom - (100 + LEAD)) < 1);
    expect(middle).toHaveLength(2);
  });
});

describe('sortByX0', () => {
  it('orders like a stable comparator sort by x0, then baseline', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const segs = Array.from({ length: 500 }, (_, k) => ({ x0: Math.floor(rand() * 50) * 3.5, bottom: Math.floor(rand() * 5), item: k }) as unknown as Segment);
    const want = [...segs].sort((a, b) => a.x0 - b.x0 || a.bottom - b.bottom);
    sortByX0(segs);
    expect(segs).toEqual(want);
  });
});

describe('buildLines with rivers', () => {
  it('never bridges a gutter as narrow as its word spaces once the columns run long', () => {
    // Two columns 170 pt wide, 5 pt apart: as wide as their word spaces. Each
    // line draws its own words, so word spaces line up only by chance.
    const pool = ['the', 'council', 'met', 'on', 'tuesday', 'evening', 'to', 'talk', 'members', 'of', 'board', 'said', 'that', 'plan', 'would', 'cost', 'city', 'far', 'more', 'than', 'it', 'had'];
    let seed = 11;
    const rand = () => (seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff;
    const items: RawItem[] = [];
    for (let k = 0; k < 12; k++)
      for (const x of [50, 225]) {
        const words: string[] = [];
        // Fill to 125–140 pt of ink: word spaces of roughly 3–6 pt.
        let ink = 0;
        while (ink < 125 + 15 * rand()) {
          const w = pool[Math.floor(rand() * pool.length)];
          words.push(w);
          ink += advance(w, SIZE);
        }
        if (ink > 160) words.pop();
        items.push(...justified(words, x, 170, 100 + k * LEAD));
      }
    const p = page(items);
    const g = buildGlyphs(p);
    const segs = buildSegments(g, new Uint8Array(g.count));
    const bridged = buildLines(g, segs).filter((l) => l.x0 < 220 && l.x1 > 225);
    expect(bridged.length).toBeGreaterThan(0); // without rivers the gap reads as a word space
    const lines = buildLines(g, segs, findRivers(segs));
    expect(lines.filter((l) => l.x0 < 220 && l.x1 > 225)).toEqual([]);
    expect(lines).toHaveLength(24);
  });
});
