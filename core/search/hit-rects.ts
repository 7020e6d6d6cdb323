import { charRects } from '../geometry/char-rects.ts';
import { lowerBound } from '../lower-bound.ts';
import type { Block, CharSource, RawItem, Rect } from '../page-model.ts';
import type { Range } from './snippet.ts';

/**
 * A hit's own rectangles on the page: the matched characters, through the
 * cleaned text's offset map (Block.map) or, for a raw-layer hit, through the
 * raw text's item offsets. Shared by the CLI's JSON and the renderer's hit
 * layer. Each match gets its own rectangles: two hits on one line stay two.
 */

type Items = readonly Pick<RawItem, 'str' | 'rect' | 'vertical' | 'eol'>[];

export function blockHitRects(items: Items, block: Pick<Block, 'map'>, ranges: readonly Range[]): Rect[] {
  return ranges.flatMap(([s, e]) => charRects(items, block.map.slice(s, Math.min(e, block.map.length))));
}

/** Offset of each item's first character in rawText(items) (item strings, "\n" after each eol). */
function itemStarts(items: Items): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const it of items) {
    starts.push(at);
    at += it.str.length + (it.eol ? 1 : 0);
  }
  return starts;
}

/** Raw-text ranges → the raw characters they cover, as [item, char] sources. */
export function rawRangeSources(items: Items, start: number, end: number, starts = itemStarts(items)): CharSource[] {
  const out: CharSource[] = [];
  // Last item starting at or before `start` (the first starting after it, less one; 0 when none does).
  const first = Math.max(0, lowerBound(items.length, (i) => starts[i] <= start) - 1);
  for (let item = first; item < items.length && starts[item] < end; item++) {
    const len = items[item].str.length;
    for (let i = Math.max(start, starts[item]); i < Math.min(end, starts[item] + len); i++) out.push([item, i - starts[item]]);
  }
  return out;
}

export function rawHitRects(items: Items, ranges: readonly Range[]): Rect[] {
  const starts = itemStarts(items);
  return ranges.flatMap(([s, e]) => charRects(items, rawRangeSources(items, s, e, starts)));
}
