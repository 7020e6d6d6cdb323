/**
 * Line cohesion of a cleaned page against a reference layout (an OCR
 * engine's ALTO): a body line is never split across blocks in a correct
 * reading, so for every reference line of 4+ words each word's centre must
 * land in the same cleaned block. Also the share of cleaned words that sit in
 * blocks of at most two words: fragments of lines shredded off their column.
 * Plain data in and out, shared by the tests and `npm run bench:clean`.
 */
import type { Rect } from '../page-model.ts';
import type { AltoLine, AltoPage, AltoWord } from './alto.ts';

export interface CohesionBlock {
  text: string;
  rects: readonly Rect[];
}

export interface Cohesion {
  /** Reference lines of 4+ words. */
  lines: number;
  /** ...whose words all landed in one block. */
  whole: number;
  /** whole / lines (1 when there are no lines). */
  wholeShare: number;
  /** Reference words of those lines found in no block at all. */
  unplaced: number;
  /**
   * Reference words of those lines that the PDF's text layer does not hold
   * (no raw item that shares a character with the word overlaps its box: the
   * producer dropped OCR specks). They cannot land in any block, so lines are
   * judged on their other words.
   */
  absent: number;
  /** Whitespace-separated words in the cleaned text. */
  words: number;
  /** ...of them in blocks of at most two words. */
  tinyWords: number;
  /** tinyWords / words. */
  tinyShare: number;
  /** The first few split lines, as text, for diagnosis. */
  examples: string[];
  /** Every split line, with the words judged (those the PDF holds) and the block each landed in (-1: none). */
  split: Array<{ line: AltoLine; words: AltoWord[]; hits: number[] }>;
}

export const MIN_LINE_WORDS = 4;
const CELL = 48;

/**
 * The block containing point (x, y): when rects of several blocks contain it,
 * the smallest rect wins (a small block inside a large one's union box is the
 * more specific answer). Returns -1 when none does.
 */
export function makeLocator(blocks: readonly CohesionBlock[]): (x: number, y: number) => number {
  const grid = new Map<number, Array<[block: number, rect: Rect]>>();
  const key = (cx: number, cy: number) => cx * 100_003 + cy;
  blocks.forEach((b, bi) => {
    for (const r of b.rects)
      for (let cx = Math.floor(r[0] / CELL); cx <= Math.floor(r[2] / CELL); cx++)
        for (let cy = Math.floor(r[1] / CELL); cy <= Math.floor(r[3] / CELL); cy++) {
          const k = key(cx, cy);
          const list = grid.get(k);
          if (list) list.push([bi, r]);
          else grid.set(k, [[bi, r]]);
        }
  });
  return (x, y) => {
    let best = -1;
    let bestArea = Infinity;
    for (const [bi, r] of grid.get(key(Math.floor(x / CELL), Math.floor(y / CELL))) ?? []) {
      if (x < r[0] || x > r[2] || y < r[1] || y > r[3]) continue;
      const area = (r[2] - r[0]) * (r[3] - r[1]);
      if (area < bestArea) {
        bestArea = area;
        best = bi;
      }
    }
    return best;
  };
}

/**
 * `present`, when given, are the boxes of the PDF's own text (raw items):
 * reference words overlapping none of them are left out of the judgement.
 */
export interface PresentText {
  str: string;
  rect: Rect;
}

/** Whether a word's box overlaps text sharing a character with it (grid-indexed: a page has ~10k items). */
function makePresenceTest(items: readonly PresentText[]): (r: Rect, text: string) => boolean {
  const grid = new Map<number, PresentText[]>();
  const key = (cx: number, cy: number) => cx * 100_003 + cy;
  for (const it of items) {
    if (!it.str.trim()) continue;
    const r = it.rect;
    if (!(r[2] > r[0]) || !(r[3] > r[1])) continue;
    for (let cx = Math.floor(r[0] / CELL); cx <= Math.floor(r[2] / CELL); cx++)
      for (let cy = Math.floor(r[1] / CELL); cy <= Math.floor(r[3] / CELL); cy++) {
        const k = key(cx, cy);
        const list = grid.get(k);
        if (list) list.push(it);
        else grid.set(k, [it]);
      }
  }
  return (r, text) => {
    const chars = [...text.toLowerCase()];
    for (let cx = Math.floor(r[0] / CELL); cx <= Math.floor(r[2] / CELL); cx++)
      for (let cy = Math.floor(r[1] / CELL); cy <= Math.floor(r[3] / CELL); cy++)
        for (const { rect: q, str } of grid.get(key(cx, cy)) ?? [])
          if (q[0] < r[2] && q[2] > r[0] && q[1] < r[3] && q[3] > r[1] && chars.some((c) => str.toLowerCase().includes(c))) return true;
    return false;
  };
}

/**
 * `present`, when given, is the PDF's own text (raw items): reference words
 * it does not hold are left out of the judgement.
 */
export function lineCohesion(blocks: readonly CohesionBlock[], reference: AltoPage, present?: readonly PresentText[]): Cohesion {
  const locate = makeLocator(blocks);
  const inPdf = present ? makePresenceTest(present) : () => true;
  let lines = 0;
  let whole = 0;
  let unplaced = 0;
  let absent = 0;
  const examples: string[] = [];
  const split: Cohesion['split'] = [];
  for (const block of reference.blocks)
    for (const line of block.lines) {
      if (line.words.length < MIN_LINE_WORDS) continue;
      lines++;
      const words = line.words.filter((w) => inPdf(w.rect, w.text));
      absent += line.words.length - words.length;
      const hits = words.map((w) => locate((w.rect[0] + w.rect[2]) / 2, (w.rect[1] + w.rect[3]) / 2));
      unplaced += hits.filter((h) => h < 0).length;
      if (hits.every((h) => h >= 0 && h === hits[0])) whole++;
      else {
        split.push({ line, words, hits });
        if (examples.length < 400) examples.push(words.map((w, k) => `${w.text}[${hits[k]}]`).join(' '));
      }
    }
  let words = 0;
  let tinyWords = 0;
  for (const b of blocks) {
    const n = b.text.split(/\s+/).filter(Boolean).length;
    words += n;
    if (n <= 2) tinyWords += n;
  }
  return {
    lines,
    whole,
    wholeShare: lines ? whole / lines : 1,
    unplaced,
    absent,
    words,
    tinyWords,
    tinyShare: words ? tinyWords / words : 0,
    examples,
    split,
  };
}

export function formatCohesion(c: Cohesion): string {
  return (
    `ALTO lines whole ${c.whole}/${c.lines} (${c.wholeShare.toFixed(3)}), ` +
    `words in blocks of ≤ 2 words ${c.tinyWords}/${c.words} (${(100 * c.tinyShare).toFixed(1)}%)` +
    (c.unplaced ? `, ${c.unplaced} reference words in no block` : '') +
    (c.absent ? `, ${c.absent} not in the PDF's text layer` : '')
  );
}
