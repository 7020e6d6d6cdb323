/**
 * OCR word boxes that reach across a column gutter. On the 1859 LoC page the
 * text layer boxes "improvement" (printed "im-" at the end of a column-2
 * line) from x 465 to 519, 30 pt into column 3; its line then reached over
 * the gutter, its block's box covered the start of column 3's lines, and the
 * reading order and every box test saw one element across two columns.
 *
 * The word is text of its own column whatever its box says: where a river
 * (core/layout/rivers.ts) runs down the gutter just above and just below the
 * box, the box is cut back to the gutter on the side of the column the word
 * belongs to: the side of the word the producer drew before or after it on
 * the same line (stream-links.ts), else the side holding most of the box.
 * Only the segment's geometry changes, never its glyphs: the characters keep
 * their own boxes for highlights, and the text is unchanged.
 *
 * Display type is left alone: a headline word over a gutter is really set
 * across it.
 */
import type { Rivers } from './rivers.ts';
import type { Segment } from './lines.ts';
import type { StreamLines } from './stream-links.ts';
import { median } from './median.ts';

/** Segments whose em is more than this many times the body em are display type. */
const DISPLAY_EM = 2;
/** Boxes reaching less than this many body ems past the gutter are left as they are. */
const MIN_OVERHANG = 2;

function medianEm(segs: readonly Segment[]): number {
  const ems: number[] = [];
  const step = Math.max(1, segs.length >> 10);
  for (let i = 0; i < segs.length; i += step) if (!segs[i].vertical && segs[i].glyphs.length >= 3) ems.push(segs[i].em);
  return ems.length ? median(ems) : 0;
}

/** Cuts segments back to the gutters they span; returns how many it cut. */
export function clipAtGutters(segs: readonly Segment[], rivers: Rivers, stream?: StreamLines): number {
  const em = medianEm(segs);
  if (!(em > 0)) return 0;
  let cut = 0;
  for (const s of segs) {
    if (s.vertical || s.em > DISPLAY_EM * em || s.x1 - s.x0 < 2 * em) continue;
    const x = rivers.gutterThrough(s.x0, s.x1, s.top, s.bottom);
    if (Number.isNaN(x)) continue;
    const prev = stream?.prev[s.index];
    const next = stream?.next[s.index];
    const left = prev ? prev.x1 <= x : next ? next.x0 < x : x - s.x0 >= s.x1 - x;
    // A box that only grazes the gutter hides nothing.
    if ((left ? s.x1 - x : x - s.x0) < MIN_OVERHANG * em) continue;
    if (left) s.x1 = x;
    else s.x0 = x;
    cut++;
  }
  return cut;
}
