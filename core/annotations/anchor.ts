import type { Block, RawItem } from '../page-model.ts';
import { charRect } from '../geometry/char-rects.ts';
import { pageText, rangeRects } from '../page-text.ts';
import type { AnnotationTarget, ResolvedTarget, TextAnchor } from './annotation.ts';
import { CONTEXT_CHARS, rectOfView, viewRectOf } from './view-rect.ts';

/**
 * Anchoring: making a target from a stretch of page text, and finding that
 * stretch again once the text has changed (better cleaning, a correction).
 * Offsets are tried first; then the quote, chosen among its occurrences by
 * how much of its prefix and suffix still match and by closeness to where
 * it was; then the quote ignoring whitespace (cleaning often changes only
 * spaces); then the unchanged context around it, when the quote itself was
 * corrected. A target that cannot be found is an orphan: reported, never
 * dropped or silently moved somewhere unrelated.
 */

type PageBlocks = readonly Pick<Block, 'id' | 'text' | 'map'>[];
type Items = readonly Pick<RawItem, 'str' | 'rect' | 'vertical'>[];

export function textAnchor(text: string, start: number, end: number, context = CONTEXT_CHARS): TextAnchor {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}

/**
 * [start, end) without the whitespace at its ends: a selection dragged to a word's end takes the space after it, and
 * the quote then kept (and exported) a trailing space. The offsets move with the trim, so they still point at the
 * quote. A range of whitespace alone is left as it is (the caller refuses it).
 */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return s < e ? { start: s, end: e } : { start, end };
}

/** A target for [start, end) of the page text (trimmed: trimRange), with its area on the page. */
export function textTarget(docId: string, page: number, items: Items, blocks: PageBlocks, from: number, to: number): AnnotationTarget {
  const text = pageText(blocks);
  const { start, end } = trimRange(text, from, to);
  return { docId, page, text: textAnchor(text, start, end), viewrect: viewRectOf(rangeRects(items, blocks, start, end)) };
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

const MAX_CANDIDATES = 5000;

function best(text: string, a: TextAnchor, starts: number[], length: (s: number) => number): { start: number; end: number } | null {
  let pick: { start: number; end: number; score: number; dist: number } | null = null;
  for (const s of starts) {
    const e = s + length(s);
    const score = commonSuffix(text.slice(Math.max(0, s - a.prefix.length), s), a.prefix) + commonPrefix(text.slice(e, e + a.suffix.length), a.suffix);
    const dist = Math.abs(s - a.start);
    if (!pick || score > pick.score || (score === pick.score && dist < pick.dist)) pick = { start: s, end: e, score, dist };
  }
  return pick && { start: pick.start, end: pick.end };
}

/** Current [start, end) of a text anchor in `text`, or null when the quote is gone. */
export function reanchor(text: string, a: TextAnchor): { start: number; end: number; moved: boolean } | null {
  if (text.slice(a.start, a.end) === a.exact) return { start: a.start, end: a.end, moved: false };
  const starts: number[] = [];
  for (let i = text.indexOf(a.exact); i >= 0 && starts.length < MAX_CANDIDATES; i = text.indexOf(a.exact, i + 1)) starts.push(i);
  const exact = best(text, a, starts, () => a.exact.length);
  if (exact) return { ...exact, moved: true };

  // Same characters, different spacing: search the text with whitespace taken out.
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const needle = squeeze(a.exact);
  if (!needle) return null;
  const kept: number[] = [];
  let squeezed = '';
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) continue;
    kept.push(i);
    squeezed += text[i];
  }
  const loose: number[] = [];
  for (let i = squeezed.indexOf(needle); i >= 0 && loose.length < MAX_CANDIDATES; i = squeezed.indexOf(needle, i + 1)) loose.push(i);
  const found = best(
    squeezed,
    { ...a, prefix: squeeze(a.prefix), suffix: squeeze(a.suffix), start: a.start },
    loose,
    () => needle.length,
  );
  if (found) return { start: kept[found.start], end: kept[found.end - 1] + 1, moved: true };
  return betweenContext(text, a);
}

const MIN_CONTEXT = 8;

/**
 * The quote itself was edited (a correction inside it): find its unchanged
 * context instead, the prefix right before and the suffix right after, with
 * a stretch of about the quote's length between them. A page edge stands in
 * for empty context. Needs real context on at least one side, both sides
 * present, and a plausible length, or it finds nothing.
 */
function betweenContext(text: string, a: TextAnchor): { start: number; end: number; moved: boolean } | null {
  const prefixOk = a.prefix.length >= MIN_CONTEXT || (a.prefix.length === 0 && a.start === 0);
  const suffixOk = a.suffix.length >= MIN_CONTEXT || a.suffix.length === 0;
  if (!prefixOk || !suffixOk || (a.prefix.length < MIN_CONTEXT && a.suffix.length < MIN_CONTEXT)) return null;
  const ends: number[] = [];
  if (a.prefix.length === 0) ends.push(0);
  else for (let i = text.indexOf(a.prefix); i >= 0 && ends.length < MAX_CANDIDATES; i = text.indexOf(a.prefix, i + 1)) ends.push(i + a.prefix.length);
  const min = Math.floor(a.exact.length * 0.5);
  const max = Math.ceil(a.exact.length * 1.5) + 10;
  let pick: { start: number; end: number; dist: number } | null = null;
  for (const s of ends) {
    const e = a.suffix.length === 0 ? (text.length - s >= min && text.length - s <= max ? text.length : -1) : text.indexOf(a.suffix, s + min);
    if (e < 0 || e - s > max || e - s < min || e === s) continue;
    const dist = Math.abs(s - a.start) + Math.abs(e - s - a.exact.length);
    if (!pick || dist < pick.dist) pick = { start: s, end: e, dist };
  }
  return pick && { start: pick.start, end: pick.end, moved: true };
}

/** Where a target lands on a page as it reads now (blocks already corrected). */
export function resolveTarget(target: AnnotationTarget, items: Items, blocks: PageBlocks): ResolvedTarget {
  if (!target.text) return { status: 'anchored', start: null, end: null, quote: null, rects: target.viewrect ? [rectOfView(target.viewrect)] : [] };
  const text = pageText(blocks);
  const at = reanchor(text, target.text);
  if (!at) return { status: 'orphan', start: null, end: null, quote: null, rects: [] };
  const rects = rangeRects(items, blocks, at.start, at.end);
  // Text-only pages have no geometry: fall back to the stored area, if any.
  return {
    status: at.moved ? 'reanchored' : 'anchored',
    start: at.start,
    end: at.end,
    quote: text.slice(at.start, at.end),
    rects: rects.length || !target.viewrect ? rects : [rectOfView(target.viewrect)],
  };
}

/**
 * The page-text ranges a rectangle dragged on the page selects (PDF points):
 * the characters whose boxes meet `area`, as maximal runs inside one block.
 * Not one range from the first to the last such character in reading order:
 * across a column gutter that would take everything between (the rest of
 * column 1 down the page, the top of column 2). A run breaks at a character
 * drawn outside the area (the left half of a line the box does not cover)
 * and at a block's end; characters with no box (spaces and line breaks the
 * cleaning made) carry a run on, and whitespace is trimmed from its ends.
 * A box that only grazes a line (under a quarter of its height) leaves it
 * out, so the lines just above and below the drag do not creep in.
 * Each run then takes the whole of the words the box cuts at its ends (an
 * archivist quotes "telegraph", not "egraph"; the area itself is kept as
 * its own target, the FragmentSelector of what was drawn): a word is a run
 * of non-space characters, and a CJK character is a word of its own, so a
 * line of Chinese is not taken whole for one character the box touched.
 * Empty when the area holds no text (a photo, a margin).
 */
/** Scripts written without spaces between words: each character stands alone (as a line break would). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\u3000-\u303f\uff00-\uffef]/u;

/** A character that belongs to the word around it: not a space, not a character of an unspaced script. */
function inWord(c: string): boolean {
  return /\S/.test(c) && !UNSPACED.test(c);
}

export function rangesInArea(items: Items, blocks: PageBlocks, area: readonly [number, number, number, number]): { start: number; end: number }[] {
  const [ax0, ay0, ax1, ay1] = [Math.min(area[0], area[2]), Math.min(area[1], area[3]), Math.max(area[0], area[2]), Math.max(area[1], area[3])];
  const out: { start: number; end: number }[] = [];
  let at = 0;
  for (const b of blocks) {
    let first = -1;
    let last = -1;
    const close = () => {
      if (first >= 0) {
        let s = first;
        let e = last + 1;
        while (s < e && /\s/.test(b.text[s])) s++;
        while (e > s && /\s/.test(b.text[e - 1])) e--;
        if (e > s) {
          while (s > 0 && inWord(b.text[s - 1]) && inWord(b.text[s])) s--;
          while (e < b.text.length && inWord(b.text[e]) && inWord(b.text[e - 1])) e++;
          // A word rejoined across a line end may now reach the run before it: one stretch, not two overlapping.
          const prev = out[out.length - 1];
          if (prev && prev.end >= at + s && prev.start >= at) prev.end = Math.max(prev.end, at + e);
          else out.push({ start: at + s, end: at + e });
        }
      }
      first = last = -1;
    };
    for (let i = 0; i < b.text.length; i++) {
      const [item, char] = b.map[i] ?? [-1, -1];
      const r = item >= 0 && items[item] ? charRect(items[item], char) : null;
      if (!r) continue;
      const dx = Math.min(r[2], ax1) - Math.max(r[0], ax0);
      const dy = Math.min(r[3], ay1) - Math.max(r[1], ay0);
      const inside = dx > 0 && dy > 0 && dy >= (r[3] - r[1]) / 4;
      if (inside) {
        if (first < 0) first = i;
        last = i;
      } else close();
    }
    close();
    at += b.text.length + 1;
  }
  return out;
}
