import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scripts/fixtures/prng.ts';
import { buildGlyphs } from './glyphs.ts';
import { buildLines, buildSegments, mergeJustifiedFragments, sortByX0, type Segment } from './lines.ts';
import { advance, item, page } from '../../test-support/synthetic-page.ts';
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
    const rand = createPrng(7);
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

/** An OCR word: its box fits the scanned word, drawn with a horizontal scale of `hScale` × size. */
function ocrWord(str: string, x: number, width: number, baseline: number, size: number, hScale: number): RawItem {
  const it = item(str, x, baseline, size, { width });
  return { ...it, transform: [size * hScale, 0, 0, size, x, it.transform[5]] };
}

/** Lays words out left to right with the given gaps; each word is [text, width, hScale]. */
function ocrLine(words: Array<[string, number, number]>, x: number, gap: number, baseline: number, size: number): RawItem[] {
  let at = x;
  return words.map(([w, width, hScale]) => {
    const it = ocrWord(w, at, width, baseline, size, hScale);
    at += width + gap;
    return it;
  });
}

describe('OCR lines', () => {
  it('judges a word space by the line’s em, not by a short word’s condensed one', () => {
    // From the 1918 LoC weather box: "5" drawn at 0.6 of its size, its
    // neighbours at 0.8; a 6.5 pt space read as a gutter after the digit.
    const items = ocrLine([['at', 7.7, 0.8], ['5', 2.9, 0.6], ['a.m.', 14.9, 0.8], ['yesterday.', 38.4, 0.8]], 76, 6.5, 80, SIZE);
    const lines = linesOf(items);
    expect(lines).toHaveLength(1);
    expect(lines[0].segs).toHaveLength(4);
  });

  it('rejoins a spaced-out line standing alone over smaller text, but not two headlines over a gutter', () => {
    // "Member of the Associated Press" over the 1918 ear box: 11.6 pt words
    // set 9.6 pt apart (1.3 of their condensed em), body text below is 8 pt.
    const title = ocrLine([['Member', 33.4, 0.63], ['of', 8.6, 0.63], ['the', 13.2, 0.63], ['Associated', 43.7, 0.63], ['Press', 22.8, 0.63]], 1045, 9.6, 40, 11.6);
    const box = [0, 1, 2].flatMap((k) => ocrLine([['The', 11.6, 0.8], ['Associated', 32.4, 0.8], ['Press', 16.6, 0.8], ['is', 5.2, 0.8], ['exclusively', 33.8, 0.8], ['entitled', 23.8, 0.8]], 1046, 5, 49 + 6.5 * k, 8));
    const p = page([...title, ...box]);
    const g = buildGlyphs(p);
    const segs = buildSegments(g, new Uint8Array(g.count));
    const rivers = findRivers(segs);
    const merged = mergeJustifiedFragments(buildLines(g, segs, rivers), rivers);
    const top = merged.filter((l) => l.bottom < 45);
    expect(top).toHaveLength(1);
    expect(top[0].segs).toHaveLength(5);

    // Two 14 pt headlines 10 pt apart, each over its own long column 8 pt from the next.
    const body = (x: number) => Array.from({ length: 14 }, (_, k) => justified(FULL, x, 170, 130 + k * LEAD)).flat();
    const heads = [...ocrLine([['WAR', 30, 0.9], ['NEWS', 40, 0.9]], 135, 6, 115, 14), ...ocrLine([['CITY', 34, 0.9], ['HALL', 36, 0.9]], 215, 6, 115, 14)];
    const p2 = page([...heads, ...body(36), ...body(214)]);
    const g2 = buildGlyphs(p2);
    const segs2 = buildSegments(g2, new Uint8Array(g2.count));
    const rivers2 = findRivers(segs2);
    const headLines = mergeJustifiedFragments(buildLines(g2, segs2, rivers2), rivers2).filter((l) => l.bottom < 120);
    expect(headLines.map((l) => l.segs.length).sort()).toEqual([2, 2]);
  });
});
