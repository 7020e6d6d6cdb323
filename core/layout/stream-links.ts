/**
 * Lines as the PDF's producer wrote them. OCR text layers (and most
 * typesetting output) draw a line's words one after another in the content
 * stream, and pdf.js marks a jump to another line with an end-of-line item.
 * Two segments that follow each other in the stream with only whitespace
 * between, no end of line, on one baseline and moving right are one line as
 * far as the producer is concerned, however wide the word space: OCR layers
 * fit each word's box with its own size and scale, so word spaces measured in
 * ems vary from 0.3 to 1.5 and gap limits alone shred lines (poppler's
 * TextOutputDev and pdf.js's text layer also start from stream order).
 * Geometry still has the last word: a river (column gutter) vetoes the link.
 */
import type { RawPage } from '../page-model.ts';
import type { Glyphs } from './glyphs.ts';
import type { Segment } from './lines.ts';

/**
 * Widest gap, in sizes, a stream link may bridge: table rows and price lists
 * ("Do. do ........ 40 cents", leaders lost in OCR) and spaced-out mastheads
 * are one producer line with gaps of several ems. Rivers still veto gutters.
 */
export const MAX_LINKED_GAP = 8;
/** Baselines of linked segments differ by at most this share of the larger size (OCR baselines wobble). */
const LINK_BASELINE = 0.45;
/** A segment may start this far (in sizes) left of its predecessor's end (ragged OCR boxes overlap). */
const OVERLAP = 0.3;

export interface StreamLines {
  /**
   * By segment (its Segment.index), the segment before it on the same stream
   * line. Arrays rather than Maps keyed by the segment objects: a scan page's
   * ~9,000 segments are looked up in them a few times each (lines, gutter
   * clipping, joins), and an index read needs neither a hash nor a probe.
   */
  prev: (Segment | undefined)[];
  /** ...and the segment after it. */
  next: (Segment | undefined)[];
  /** 1 for segments the producer ended a line after (an end of line follows them in the stream). */
  ends: Uint8Array;
  /** 1 for segments the producer started a line with. */
  starts: Uint8Array;
}

/** Slots for the segments' indices (Segment.index): one past the largest. */
export function segmentSlots(segs: readonly Segment[]): number {
  let n = 0;
  for (const s of segs) if (s.index >= n) n = s.index + 1;
  return n;
}

/**
 * The producer's lines. Only Latin-side boundaries are linked: CJK lines are
 * set on a grid and geometry alone joins them reliably.
 */
export function streamLinks(page: RawPage, g: Glyphs, segs: readonly Segment[]): StreamLines {
  const slots = segmentSlots(segs);
  const links = new Array<Segment | undefined>(slots);
  const next = new Array<Segment | undefined>(slots);
  const ends = new Uint8Array(slots);
  const starts = new Uint8Array(slots);
  /** For a mark linked by markWithin, the word whose height it lies in. */
  const word = new Array<Segment | undefined>(slots);
  for (let k = 1; k < segs.length; k++) {
    const a = segs[k - 1];
    const b = segs[k];
    if (a.vertical || b.vertical) continue;
    const lastA = a.glyphs[a.glyphs.length - 1];
    const firstB = b.glyphs[0];
    // No end of line between them in the stream (an item's eol means a break after it).
    let eol = false;
    for (let it = a.item; it < b.item && !eol; it++) eol = page.items[it].eol;
    // Not every producer marks its line ends: the next word drawn wholly to
    // the left of this one and lower down starts a new line all the same.
    if (!eol && b.x1 <= a.x0 && b.top > a.top) eol = true;
    if (eol) {
      ends[a.index] = 1;
      starts[b.index] = 1;
      continue;
    }
    if (g.cjk[lastA] && g.cjk[firstB]) continue;
    const size = Math.max(a.size, b.size);
    const gap = b.x0 - a.x1;
    if (gap < -OVERLAP * size || gap > MAX_LINKED_GAP * size) continue;
    // A mark linked before is judged by the word it sits beside, and so is whatever follows it.
    const ref = word[a.index] ?? a;
    const mark = Math.abs(ref.bottom - b.bottom) > LINK_BASELINE * Math.max(ref.size, b.size);
    // Marks and specks have boxes of any height: only words hang (a 20 pt "!" beside a 46 pt headline word does not).
    const words = () => hasLetter(page, g, a) && hasLetter(page, g, b);
    if (mark && !markWithin(b, ref) && !markWithin(ref, b) && !((hangsFrom(b, ref) || hangsFrom(ref, b)) && words())) continue;
    // Glyphs between them (skipped overprints aside) must all be whitespace:
    // anything else was drawn elsewhere in between.
    let clean = true;
    for (let i = lastA + 1; i < firstB && clean; i++) if (!g.space[i] && g.item[i] !== a.item && g.item[i] !== b.item) clean = false;
    if (!clean) continue;
    links[b.index] = a;
    next[a.index] = b;
    if (mark && markWithin(b, ref)) word[b.index] = ref;
  }
  return { prev: links, next, ends, starts };
}

/** A mark this short (glyphs) boxed this much smaller than the word beside it has no baseline of its own. */
const MARK_GLYPHS = 2;
const MARK_HEIGHT = 0.4;

/**
 * `mark` is a punctuation mark or speck (an apostrophe boxed at the top of
 * the line, a hyphen or a tilde at mid-height, a period at the bottom) whose
 * small box lies within the height of the word drawn next to it: OCR layers
 * box each mark alone, so its box bottom says nothing about its line's
 * baseline, but the producer drew it on that word's line.
 */
function markWithin(mark: Segment, word: Segment): boolean {
  if (mark.glyphs.length > MARK_GLYPHS) return false;
  const h = word.bottom - word.top;
  if (!(mark.bottom - mark.top < MARK_HEIGHT * h)) return false;
  return mark.top >= word.top - 0.15 * h && mark.bottom <= word.bottom + 0.15 * h;
}

const LETTER = /[\p{L}\p{N}]/u;

function hasLetter(page: RawPage, g: Glyphs, s: Segment): boolean {
  const str = page.items[s.item].str;
  return s.glyphs.some((i) => LETTER.test(str.slice(g.char[i], g.char[i] + g.len[i])));
}

/**
 * `tall`'s box starts where `word`'s does and reaches down past it: OCR
 * layers box a word together with a smudge or the line below now and then
 * (boxes two or three lines tall), so its bottom is no baseline, but its top
 * still lines up with the line the producer drew it on.
 */
function hangsFrom(tall: Segment, word: Segment): boolean {
  const h = word.bottom - word.top;
  return tall.bottom - tall.top > 1.5 * h && Math.abs(tall.top - word.top) <= LINK_BASELINE * h;
}

/**
 * Whether geometry may join `a` (ending a line) to `b` across `gap`: not when
 * the producer ended a line after `a` and started one with `b` and the gap is
 * wider than a tight word space. OCR layers write each OCR line on its own,
 * so two such lines side by side are two columns whose gutter, at the top of
 * a column under a headline, no river has marked yet.
 */
export function streamAllowsJoin(stream: StreamLines | undefined, a: Segment, b: Segment, gap: number, em: number): boolean {
  return !stream || (gap <= STREAM_BREAK_GAP * em && gap >= -STREAM_OVERLAP * em) || stream.ends[a.index] !== 1 || stream.starts[b.index] !== 1;
}

/**
 * Overlap (in ems) beyond which two producer lines are not one line either:
 * words of a printed line sit side by side, and boxes that overlap across a
 * producer's line break are two columns touching (a word boxed tall against
 * the next column's drop cap: "particu-lar." | "EXTENSIVE" on the 1859 page).
 */
const STREAM_OVERLAP = 0.1;

/** Gap (in ems) up to which segments on separate stream lines may still be one line. */
const STREAM_BREAK_GAP = 0.5;
