import { charRects } from './geometry/char-rects.ts';
import type { Block, CharSource, RawItem, Rect } from './page-model.ts';

/**
 * A page's cleaned text as one string: its blocks in reading order joined
 * with "\n". Search hits, annotation selectors (TextPositionSelector offsets)
 * and corrections all count characters in this one string, and map back to
 * blocks, raw items and page rectangles through the blocks' offset maps.
 */

type TextBlock = Pick<Block, 'id' | 'text' | 'map'>;

export const BLOCK_SEPARATOR = '\n';

export function pageText(blocks: readonly Pick<Block, 'text'>[]): string {
  return blocks.map((b) => b.text).join(BLOCK_SEPARATOR);
}

/** Offset of each block's first character in pageText(blocks). */
export function blockStarts(blocks: readonly Pick<Block, 'text'>[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const b of blocks) {
    starts.push(at);
    at += b.text.length + BLOCK_SEPARATOR.length;
  }
  return starts;
}

export interface BlockSpan {
  /** Index of the block in reading order. */
  block: number;
  /** [start, end) inside that block's text. */
  start: number;
  end: number;
}

/** The parts of the page-text range [start, end) that fall in each block (separators belong to none). */
export function blockSpans(blocks: readonly Pick<Block, 'text'>[], start: number, end: number): BlockSpan[] {
  const spans: BlockSpan[] = [];
  const starts = blockStarts(blocks);
  for (let i = 0; i < blocks.length; i++) {
    const s = Math.max(start, starts[i]);
    const e = Math.min(end, starts[i] + blocks[i].text.length);
    if (s < e) spans.push({ block: i, start: s - starts[i], end: e - starts[i] });
  }
  return spans;
}

/** The raw sources of every cleaned character in [start, end), in text order. */
export function rangeSources(blocks: readonly TextBlock[], start: number, end: number): CharSource[] {
  const out: CharSource[] = [];
  for (const span of blockSpans(blocks, start, end)) {
    const map = blocks[span.block].map;
    for (let i = span.start; i < span.end; i++) if (map[i]) out.push(map[i]);
  }
  return out;
}

/** Page rectangles (PDF points, top-left origin) of the cleaned characters in [start, end). */
export function rangeRects(items: readonly Pick<RawItem, 'str' | 'rect' | 'vertical'>[], blocks: readonly TextBlock[], start: number, end: number): Rect[] {
  return charRects(items, rangeSources(blocks, start, end));
}
