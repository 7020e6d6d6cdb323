import type { Block } from '../../core/page-model.ts';
import type { ViewItem } from '../../core/page-view/page-view-codec.ts';
import { lowerBound } from '../../core/lower-bound.ts';

/**
 * Pure geometry-free half of the raw ⇄ cleaned scroll link: translates a
 * position inside a cleaned block into a position inside a raw item and back,
 * through Block.map (the offset map cleaning produced), so both panels show
 * the same words rather than the same fraction of their very different heights.
 *
 * Positions are fractions of an element (0 = its first character, 1 = past its
 * last), because that is what the DOM side can measure cheaply.
 */
export interface Spot {
  /** Block index (cleaned side) or item index (raw side). */
  index: number;
  fraction: number;
}

export interface OffsetAnchors {
  /** Where the cleaned position (block, fraction) comes from in the raw text, or null if nothing maps. */
  toRaw(at: Spot): Spot | null;
  /** Where the raw position (item, fraction) ended up in the cleaned text, or null if nothing maps. */
  toCleaned(at: Spot): Spot | null;
}

/** One kept character: which item/char it came from and where it sits in the cleaned text. */
interface Kept {
  itemChar: number;
  block: number;
  blockChar: number;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

export function createOffsetAnchors(items: readonly ViewItem[], blocks: readonly Block[]): OffsetAnchors {
  // Per item, its kept characters in item order: cleaning reorders items into
  // reading order, so this is the inverse of every block's map.
  const byItem: Kept[][] = items.map(() => []);
  blocks.forEach((b, block) => {
    b.map.forEach(([item, itemChar], blockChar) => {
      if (item >= 0 && item < byItem.length) byItem[item].push({ itemChar, block, blockChar });
    });
  });
  for (const list of byItem) list.sort((a, b) => a.itemChar - b.itemChar || a.block - b.block || a.blockChar - b.blockChar);

  function toRaw({ index, fraction }: Spot): Spot | null {
    const b = blocks[index];
    if (!b) return null;
    const start = Math.min(b.map.length - 1, Math.floor(clamp01(fraction) * b.map.length));
    // Forward first (the text the reader is about to read), then back; inserted chars map to [-1, -1].
    for (const dir of [1, -1]) {
      for (let c = start; c >= 0 && c < b.map.length; c += dir) {
        const [item, itemChar] = b.map[c];
        if (item >= 0 && items[item]) return { index: item, fraction: items[item].str.length ? itemChar / items[item].str.length : 0 };
      }
    }
    // A block with no mapped character (should not happen): borrow the next block's anchor.
    return index + 1 < blocks.length ? toRaw({ index: index + 1, fraction: 0 }) : null;
  }

  function toCleaned({ index, fraction }: Spot): Spot | null {
    if (index < 0 || index >= items.length) return null;
    const char = Math.floor(clamp01(fraction) * items[index].str.length);
    // The first kept character at or after the spot; removed items (a whole
    // overprint copy) defer to the next item that kept something.
    for (let i = index; i < byItem.length; i++) {
      const list = byItem[i];
      const hit = i === index ? list.find((k) => k.itemChar >= char) ?? list.at(-1) : list[0];
      if (hit) return { index: hit.block, fraction: blocks[hit.block].text.length ? hit.blockChar / blocks[hit.block].text.length : 0 };
    }
    for (let i = index - 1; i >= 0; i--) {
      const hit = byItem[i].at(-1);
      if (hit) return { index: hit.block, fraction: blocks[hit.block].text.length ? hit.blockChar / blocks[hit.block].text.length : 0 };
    }
    return null;
  }

  return { toRaw, toCleaned };
}

/** A scroller's content box positions of its anchor elements, in document order. */
export interface Extent {
  top: number;
  height: number;
}

/**
 * Index of the first element still visible at scrollTop (its bottom below the
 * top edge), -1 when none is; a binary search, as elements are laid out top to bottom.
 */
export function firstVisible(count: number, extentOf: (i: number) => Extent, scrollTop: number): number {
  const at = lowerBound(count, (i) => {
    const e = extentOf(i);
    return e.top + e.height <= scrollTop;
  });
  return at < count ? at : -1;
}

/**
 * The leader's anchor: how far into its first visible element the viewport
 * top is (fraction), and how far below the viewport top that element starts
 * when it is wholly visible (gap, px; padding above the first element).
 */
export function leaderSpot(e: Extent, scrollTop: number): { fraction: number; gap: number } {
  if (e.top >= scrollTop || e.height <= 0) return { fraction: 0, gap: Math.max(0, e.top - scrollTop) };
  return { fraction: clamp01((scrollTop - e.top) / e.height), gap: 0 };
}

/** Follower scrollTop that puts its anchor element's fraction at the same place the leader shows its anchor. */
export function followerScrollTop(target: Extent, fraction: number, gap: number, maxScroll: number): number {
  const top = Math.round(target.top + fraction * target.height - gap);
  return Math.max(0, Math.min(maxScroll, top));
}
