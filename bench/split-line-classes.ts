/**
 * Why a reference line is split: the classes `npm run bench:clean` and
 * bench/classify-split-lines.ts count for every ALTO line of 4+ words that
 * the cleaned layout did not keep in one block.
 *
 * The first test, `gutterCrossing`, reads the ALTO alone (nothing of our
 * layout), so it may correct the reference: it finds lines into which the
 * OCR engine read the end of the neighbouring column's line. On the 1859
 * LoC page ABBYY cut "or" off "(all hon|or" at the right edge of column 1
 * and read it as the first word of column 2's line "or Isaac W. Bragg, of
 * Cincinnati…": the ALTO word "or" lies against "hon", the last word of
 * another ALTO line on the same baseline, and a gutter-wide gap parts it
 * from "Isaac". Two reference lines never touch on one baseline in a correct
 * reading, so the touching word belongs to the other line, and no layout
 * that keeps words in the column they are printed in can keep the reference
 * line whole. Crops of a sample of each class are in the fidelity-1859 report.
 *
 * The other classes are for diagnosis only and never change the measure.
 */
import type { AltoLine, AltoPage, AltoWord } from '../core/layout/alto.ts';
import { MIN_LINE_WORDS, type Cohesion } from '../core/layout/line-cohesion.ts';
import type { Rect } from '../core/page-model.ts';
import { median } from './support/stats.ts';

/** A gap this many body heights parts cut-off words from the rest of their line (word spaces are ~0.3). */
const GUTTER_GAP = 0.5;
/** ...and lie against the other line's word: nearer than this many body heights (a gutter is wider). */
const TOUCH = -0.2;
/** At most this many words at either end of a line are taken for the neighbour's cut-off end. */
const MAX_CUT_WORDS = 2;

const height = (r: Rect) => r[3] - r[1];

/**
 * Words of every reference line, in a coarse grid so each question looks at
 * a few dozen neighbours rather than the page's ten thousand words.
 */
function wordGrid(alto: AltoPage): (r: Rect) => Array<{ w: AltoWord; l: AltoLine }> {
  const CELL = 48;
  const grid = new Map<number, Array<{ w: AltoWord; l: AltoLine }>>();
  const key = (cx: number, cy: number) => cx * 100_003 + cy;
  for (const b of alto.blocks)
    for (const l of b.lines)
      for (const w of l.words)
        for (let cx = Math.floor(w.rect[0] / CELL); cx <= Math.floor(w.rect[2] / CELL); cx++)
          for (let cy = Math.floor(w.rect[1] / CELL); cy <= Math.floor(w.rect[3] / CELL); cy++) {
            const k = key(cx, cy);
            const list = grid.get(k);
            if (list) list.push({ w, l });
            else grid.set(k, [{ w, l }]);
          }
  return (r) => {
    const out = new Set<{ w: AltoWord; l: AltoLine }>();
    for (let cx = Math.floor((r[0] - CELL) / CELL); cx <= Math.floor((r[2] + CELL) / CELL); cx++)
      for (let cy = Math.floor(r[1] / CELL); cy <= Math.floor(r[3] / CELL); cy++) for (const e of grid.get(key(cx, cy)) ?? []) out.add(e);
    return [...out];
  };
}

/**
 * Reference lines that start or end with words the OCR engine cut off the
 * neighbouring column's line, each with those words. Reads the ALTO only.
 *
 * The first (last) one or two words of a line are cut off when the nearest
 * word on their other side, on the same baseline, belongs to another
 * reference line and lies nearer to them than the rest of their own line
 * does, and they stand apart from that rest: by more than a word space
 * (half the page's median word height), or their box overlaps the other
 * line's word (two lines of a correct reading never overlap).
 */
export function gutterCrossing(alto: AltoPage): Map<AltoLine, AltoWord[]> {
  const near = wordGrid(alto);
  const body = median(alto.blocks.flatMap((b) => b.lines.flatMap((l) => l.words.map((w) => height(w.rect)))));
  /** Gap from `r` to the nearest word of another reference line on its baseline, on the left (side -1) or right (1). */
  const otherLine = (r: Rect, line: AltoLine, side: -1 | 1): number => {
    let best = Infinity;
    for (const { w: { rect: o }, l } of near(r)) {
      if (l === line || Math.min(o[3], r[3]) - Math.max(o[1], r[1]) < 0.5 * Math.min(height(o), height(r))) continue;
      if (side < 0 ? o[0] + o[2] >= r[0] + r[2] : o[0] + o[2] <= r[0] + r[2]) continue;
      best = Math.min(best, side < 0 ? r[0] - o[2] : o[0] - r[2]);
    }
    return best;
  };
  const cutOff = (toOther: number, toOwn: number) => toOther < TOUCH * body && toOwn >= GUTTER_GAP * body;
  const out = new Map<AltoLine, AltoWord[]>();
  for (const block of alto.blocks)
    for (const l of block.lines) {
      const w = l.words;
      const n = w.length;
      if (n < MIN_LINE_WORDS) continue;
      const cut: AltoWord[] = [];
      // A speck in the gutter ("'", "|") overlaps both columns' words and is no evidence.
      const left = /[\p{L}\p{N}]/u.test(w[0].text) ? otherLine(w[0].rect, l, -1) : Infinity;
      for (let k = 1; k <= MAX_CUT_WORDS; k++)
        if (cutOff(left, w[k].rect[0] - w[k - 1].rect[2])) {
          cut.push(...w.slice(0, k));
          break;
        }
      const right = /[\p{L}\p{N}]/u.test(w[n - 1].text) ? otherLine(w[n - 1].rect, l, 1) : Infinity;
      for (let k = 1; k <= MAX_CUT_WORDS; k++)
        if (cutOff(right, w[n - k].rect[0] - w[n - k - 1].rect[2])) {
          cut.push(...w.slice(n - k));
          break;
        }
      if (cut.length) out.set(l, cut);
    }
  return out;
}

/**
 * The reference with the cut-off words taken out of the lines that `gutterCrossing`
 * found: every line is still judged, on the words printed in its own column.
 */
export function withoutGutterWords(alto: AltoPage, crossing: ReadonlyMap<AltoLine, readonly AltoWord[]>): AltoPage {
  return {
    ...alto,
    blocks: alto.blocks.map((b) => ({
      lines: b.lines.map((l) => {
        const cut = crossing.get(l);
        return cut ? { ...l, words: l.words.filter((w) => !cut.includes(w)) } : l;
      }),
    })),
  };
}

export type SplitClass = 'gutter' | 'table' | 'display' | 'speck' | 'ours';

export const CLASS_LABELS: Record<SplitClass, string> = {
  gutter: 'the reference reads a word of the next column into the line (ALTO only)',
  table: 'table or price-list row (figures, "do.", leaders)',
  display: 'display type of ads and heads (tall or capitalised words)',
  speck: 'only OCR specks (1–2 characters) left out of the line’s block',
  ours: 'a body line the layout split (our error)',
};

/** A token of a table row: figures, "do." (ditto), leaders, currency. */
const TABLE_TOKEN = /^(?:[\p{P}\p{S}]*\p{N}[\p{N}\p{P}\p{S}]*|do\.?,?|[.…,]{2,}|\$.*|prizes?|of\.{2,}.*)$/iu;

/**
 * Each split reference line (`Cohesion.split`: 4+ words, judged on the
 * words the PDF holds) with its class. Order of the tests: the reference's
 * own error first (ALTO only), then what the line is.
 */
export function classifySplitLines(split: Cohesion['split'], alto: AltoPage): Array<{ line: AltoLine; cls: SplitClass; words: AltoWord[]; hits: number[] }> {
  const crossing = gutterCrossing(alto);
  const body = median(alto.blocks.flatMap((b) => b.lines.flatMap((l) => l.words.map((w) => height(w.rect)))));
  return split.map(({ line, words, hits }) => {
    const texts = words.map((w) => w.text);
    const counts = new Map<number, number>();
    for (const h of hits) counts.set(h, (counts.get(h) ?? 0) + 1);
    const main = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const strays = words.filter((_, k) => hits[k] !== main || main < 0);
    let cls: SplitClass;
    if (crossing.has(line)) cls = 'gutter';
    else if (texts.filter((t) => TABLE_TOKEN.test(t)).length >= 0.4 * texts.length) cls = 'table';
    else if (median(words.map((w) => height(w.rect))) >= 1.35 * body || texts.filter((t) => /^\P{L}*\p{Lu}{2,}/u.test(t)).length >= 0.5 * texts.length)
      cls = 'display';
    else if (strays.every((w) => w.text.replace(/[^\p{L}\p{N}]/gu, '').length <= 2)) cls = 'speck';
    else cls = 'ours';
    return { line, cls, words, hits };
  });
}
