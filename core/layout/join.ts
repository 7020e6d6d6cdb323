/**
 * Lines → text with provenance. CJK joins without spaces; Latin words keep one
 * space (mapped to a raw space when there is one, else inserted as [-1, -1]);
 * a Latin line ending in a hyphen before a lowercase continuation is rejoined.
 * OCR layers mark their own end-of-line hyphenation with "¬" (NOT SIGN): that
 * mark is never content, so it is always dropped and its line rejoined.
 * Every whitespace glyph this consumes is marked in `used`; the hyphens it
 * drops are marked in `hyphens`. The caller turns the rest into Edits.
 */
import type { CharSource, RawPage } from '../page-model.ts';
import { insertsSpace, isLatinLetter, spaceBetween } from '../cleaning/script.ts';
import type { Glyphs } from './glyphs.ts';
import type { Line, Segment } from './lines.ts';

export interface JoinContext {
  page: RawPage;
  g: Glyphs;
  removed: Uint8Array;
  /** Glyph index of each item's first glyph (-1 for empty items). */
  firstGlyph: Int32Array;
  used: Uint8Array;
  hyphens: Uint8Array;
  /** Scratch for the block being joined (JoinBuffer), reused block after block. */
  buf: JoinBuffer;
}

/**
 * A block's text and map while it is joined, as parallel typed arrays: code
 * unit, item and character of each cleaned UTF-16 unit (item and char -1 for
 * an inserted one). Text and map are made from it once the block is done: a
 * string grown segment by segment and a map grown by push left a cons string
 * and a slice per word, and the map's outgrown backing stores, as garbage.
 */
export class JoinBuffer {
  n = 0;
  units: Uint16Array;
  items: Int32Array;
  chars: Int32Array;

  constructor(capacity = 1024) {
    this.units = new Uint16Array(capacity);
    this.items = new Int32Array(capacity);
    this.chars = new Int32Array(capacity);
  }

  push(unit: number, item: number, char: number): void {
    if (this.n === this.units.length) this.grow();
    const k = this.n++;
    this.units[k] = unit;
    this.items[k] = item;
    this.chars[k] = char;
  }

  private grow(): void {
    const units = new Uint16Array(this.units.length * 2);
    const items = new Int32Array(this.units.length * 2);
    const chars = new Int32Array(this.units.length * 2);
    units.set(this.units);
    items.set(this.items);
    chars.set(this.chars);
    this.units = units;
    this.items = items;
    this.chars = chars;
  }

  text(): string {
    let out = '';
    // fromCharCode takes its units as arguments: a block of any length goes in chunks well under the stack's limit.
    for (let k = 0; k < this.n; k += TEXT_CHUNK) {
      out += String.fromCharCode.apply(null, this.units.subarray(k, Math.min(this.n, k + TEXT_CHUNK)) as unknown as number[]);
    }
    return out;
  }

  map(): CharSource[] {
    const n = this.n;
    // Preallocated to its length (no outgrown backing stores); a huge one is pushed, as a huge preallocated array may go to dictionary mode.
    const map: CharSource[] = n <= 1 << 16 ? new Array<CharSource>(n) : [];
    for (let k = 0; k < n; k++) map[k] = [this.items[k], this.chars[k]];
    return map;
  }
}

const TEXT_CHUNK = 4096;

export interface Joined {
  text: string;
  map: CharSource[];
}

/** Gap (in ems) between separate Latin items that reads as a word space. */
const WORD_GAP = 0.2;
const OCR_HYPHEN = '\u00AC';
const HYPHENS = new Set(['-', '\u2010', '\u00AD', OCR_HYPHEN]);

export function makeJoinContext(page: RawPage, g: Glyphs, removed: Uint8Array): JoinContext {
  const firstGlyph = new Int32Array(page.items.length).fill(-1);
  for (let i = g.count - 1; i >= 0; i--) firstGlyph[g.item[i]] = i;
  return { page, g, removed, firstGlyph, used: new Uint8Array(g.count), hyphens: new Uint8Array(g.count), buf: new JoinBuffer() };
}

function ch(ctx: JoinContext, i: number): string {
  const s = ctx.page.items[ctx.g.item[i]].str;
  return ctx.g.len[i] === 1 ? s[ctx.g.char[i]] : s.slice(ctx.g.char[i], ctx.g.char[i] + ctx.g.len[i]);
}

/**
 * A raw whitespace glyph that sits between `seg` and `next` (whatever follows
 * it in the stream when `next` is not given), or -1. A space inside seg's
 * item that is followed by more of that item's text separates seg from that
 * text, not from `next`: an extractor fills a run's hole with a space when
 * another font's text (digits set in Latin, drawn later) goes there.
 */
function spaceAfter(ctx: JoinContext, seg: Segment, next?: Segment): number {
  const ws = rawSpaceAfter(ctx, seg, next);
  // On one line the space must lie before `next`, not under it: an extractor
  // fills the hole with a whitespace item as wide as the text drawn there later.
  if (ws >= 0 && next && !next.vertical && Math.abs(next.bottom - seg.bottom) < 0.5 * next.size) {
    // A hole filler starts where that text starts; a word space starts before it.
    if (ctx.g.x0[ws] > next.x0 - 0.1 * next.em && ctx.g.x1[ws] > next.x0 + 0.5 * (next.x1 - next.x0)) return -1;
  }
  return ws;
}

function rawSpaceAfter(ctx: JoinContext, seg: Segment, next?: Segment): number {
  const { g } = ctx;
  if (seg.spaceAfter >= 0 && !ctx.used[seg.spaceAfter]) {
    if (next && next.item !== seg.item) {
      for (let i = seg.spaceAfter + 1; i < g.count && g.item[i] === seg.item; i++) if (!ctx.removed[i] && !g.space[i]) return -1;
    }
    return seg.spaceAfter;
  }
  const last = seg.glyphs[seg.glyphs.length - 1];
  // The segment must end its item for a following whitespace-only item to count.
  for (let i = last + 1; i < g.count && g.item[i] === seg.item; i++) if (!ctx.removed[i] && !g.space[i]) return -1;
  const after = seg.item + 1;
  if (after >= ctx.page.items.length) return -1;
  const f = ctx.firstGlyph[after];
  if (f < 0 || !g.space[f] || ctx.removed[f] || ctx.used[f]) return -1;
  return f;
}

/**
 * Whether glyph `k` of segment `si` in `line` counts as CJK for spacing
 * (script.ts): a neutral mark (“ ” — …) looks away from the gap (`away`)
 * along the line for the nearest other glyph, then the other way.
 */
function cjkForSpacing(ctx: JoinContext, line: Line, si: number, k: number, away: -1 | 1): boolean {
  const { g } = ctx;
  const at = line.segs[si].glyphs[k];
  if (!g.neutral[at]) return g.cjk[at] === 1;
  for (const dir of [away, -away]) {
    let s = si;
    let j = k + dir;
    for (;;) {
      if (j < 0 || j >= line.segs[s].glyphs.length) {
        s += dir;
        if (s < 0 || s >= line.segs.length) break;
        j = dir > 0 ? 0 : line.segs[s].glyphs.length - 1;
        continue;
      }
      const i = line.segs[s].glyphs[j];
      if (!g.neutral[i]) return g.cjk[i] === 1;
      j += dir;
    }
  }
  return false;
}

/**
 * A line that spreads space between its CJK characters (justified or
 * letter-spaced): none of those spaces is a phrase gap. Same test as the
 * text-dump pipeline's: at least three spaced CJK pairs, and at least 30 %
 * of the line's CJK pairs.
 */
function letterSpaced(ctx: JoinContext, line: Line): boolean {
  const { g } = ctx;
  let cjk = 0;
  let gaps = 0;
  line.segs.forEach((seg, si) => {
    for (const i of seg.glyphs) cjk += g.cjk[i];
    if (si === 0) return;
    const prev = line.segs[si - 1];
    const p = prev.glyphs[prev.glyphs.length - 1];
    if (g.cjk[p] && g.cjk[seg.glyphs[0]] && (prev.spaceAfter >= 0 || seg.x0 - prev.x1 > 0.25 * Math.min(seg.em, prev.em))) gaps++;
  });
  return gaps >= 3 && gaps >= 0.3 * (cjk - 1);
}

/**
 * The text of a segment. Its glyphs are usually one unbroken stretch of the
 * item (then one slice); overprint copies removed from inside it leave holes.
 */
export function segmentText(page: RawPage, g: Glyphs, seg: Segment): string {
  const gs = seg.glyphs;
  const first = gs[0];
  const last = gs[gs.length - 1];
  const str = page.items[seg.item].str;
  const start = g.char[first];
  const end = g.char[last] + g.len[last];
  if (end - start === gs.length || unbroken(g, gs)) return str.slice(start, end);
  let out = '';
  for (const i of gs) out += str.slice(g.char[i], g.char[i] + g.len[i]);
  return out;
}

function unbroken(g: Glyphs, gs: readonly number[]): boolean {
  for (let k = 1; k < gs.length; k++) if (g.char[gs[k]] !== g.char[gs[k - 1]] + g.len[gs[k - 1]]) return false;
  return true;
}

export interface JoinOptions {
  /**
   * Keep each line on its own: a "\n" (mapped [-1, -1]) at every line end.
   * Headings set on several lines read as lines ("砥砺奋进五载路" / "改革创新敢担当").
   */
  lineBreaks?: boolean;
}

export function joinLines(ctx: JoinContext, lines: readonly Line[], opts: JoinOptions = {}): Joined {
  const { g, page, buf } = ctx;
  buf.n = 0;
  const emit = (seg: Segment) => {
    const item = seg.item;
    const str = page.items[item].str;
    const gs = seg.glyphs;
    for (let k = 0; k < gs.length; k++) {
      const i = gs[k];
      const c = g.char[i];
      buf.push(str.charCodeAt(c), item, c);
      if (g.len[i] === 2) buf.push(str.charCodeAt(c + 1), item, c + 1);
    }
  };
  // Where the last inserted space went, so a lone "¬" after it can take it back.
  // (Two variables, not an object: a page inserts tens of thousands of spaces.)
  let lastSpaceAt = -1;
  let lastSpaceGlyph = -1;
  const space = (ws: number) => {
    lastSpaceAt = buf.n;
    // Map to the raw space when there is a plain one; any other whitespace
    // (NBSP, ideographic space) stays unused and becomes an Edit.
    if (ws >= 0 && page.items[g.item[ws]].str.charCodeAt(g.char[ws]) === 0x20) {
      lastSpaceGlyph = ws;
      ctx.used[ws] = 1;
      buf.push(0x20, g.item[ws], g.char[ws]);
    } else {
      lastSpaceGlyph = -1;
      buf.push(0x20, -1, -1);
    }
  };
  /** Drops the segment's final glyph (a hyphenation mark) from text and map. */
  const dropLast = (seg: Segment) => {
    const p = seg.glyphs[seg.glyphs.length - 1];
    ctx.hyphens[p] = 1;
    buf.n -= g.len[p];
  };
  const isLoneMark = (seg: Segment) => seg.glyphs.length === 1 && ch(ctx, seg.glyphs[0]) === OCR_HYPHEN;
  const endsInOcrMark = (seg: Segment) => seg.glyphs.length >= 2 && ch(ctx, seg.glyphs[seg.glyphs.length - 1]) === OCR_HYPHEN;
  let prevSeg: Segment | null = null;
  let prevLine: Line | null = null;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    let spaced: boolean | undefined;
    for (let si = 0; si < line.segs.length; si++) {
      const seg = line.segs[si];
      const first = seg.glyphs[0];
      if (prevSeg && prevLine) {
        const p = prevSeg.glyphs[prevSeg.glyphs.length - 1];
        const prevCjk = si === 0 ? cjkForSpacing(ctx, prevLine, prevLine.segs.length - 1, prevSeg.glyphs.length - 1, -1) : cjkForSpacing(ctx, line, si - 1, prevSeg.glyphs.length - 1, -1);
        const nextCjk = cjkForSpacing(ctx, line, si, 0, 1);
        if (si === 0 && isLoneMark(prevSeg) && prevLine.segs.length >= 2) {
          // "Tele- ¬" / "gram": the OCR's mark stands alone at the line end.
          // It goes, with the space before it, and the word rejoins (its own
          // hyphen, if it kept one, goes too).
          dropLast(prevSeg);
          if (lastSpaceAt === buf.n - 1 && buf.units[buf.n - 1] === 0x20) {
            buf.n -= 1;
            if (lastSpaceGlyph >= 0) ctx.used[lastSpaceGlyph] = 0;
          }
          const before = prevLine.segs[prevLine.segs.length - 2];
          const b = before.glyphs[before.glyphs.length - 1];
          if (before.glyphs.length >= 2 && HYPHENS.has(ch(ctx, b)) && isLatinLetter(ch(ctx, before.glyphs[before.glyphs.length - 2]))) dropLast(before);
        } else if (si === 0) {
          // Line break.
          const pc = ch(ctx, p);
          const hyphenated =
            HYPHENS.has(pc) &&
            prevSeg.glyphs.length >= 2 &&
            (pc === OCR_HYPHEN ||
              (isLatinLetter(ch(ctx, prevSeg.glyphs[prevSeg.glyphs.length - 2])) && (pc === '\u00AD' || /^\p{Ll}/u.test(ch(ctx, first)))));
          if (hyphenated) dropLast(prevSeg);
          else if (HYPHENS.has(pc) && prevSeg.glyphs.length >= 2) {
            // A compound broken at its own hyphen ("Anglo-" / "American"): keep it, no space.
          } else if (opts.lineBreaks) {
            // A heading line ends here (a word hyphenated across its lines was rejoined above).
            buf.push(0x0a, -1, -1);
          } else if (insertsSpace(prevCjk, nextCjk)) space(spaceAfter(ctx, prevSeg));
        } else if (insertsSpace(prevCjk, nextCjk)) {
          // A mark before more text on the same line (a line that ran on across a gutter): still never content.
          if (endsInOcrMark(prevSeg)) dropLast(prevSeg);
          const ws = spaceAfter(ctx, prevSeg);
          const sameItem = seg.item === prevSeg.item;
          const gap = seg.x0 - prevSeg.x1;
          if (sameItem || ws >= 0 || gap > WORD_GAP * Math.min(seg.em, prevSeg.em)) space(ws);
        } else {
          // Next to CJK only a space the page drew between the two counts, by the one spacing policy (script.ts).
          const ws = spaceAfter(ctx, prevSeg, seg);
          if (ws >= 0) {
            spaced ??= letterSpaced(ctx, line);
            if (spaceBetween(prevCjk, nextCjk, ch(ctx, p), ch(ctx, first), spaced) === 'keep') space(ws);
          }
        }
      }
      emit(seg);
      prevSeg = seg;
      prevLine = line;
    }
  }
  // The word went on in a block read elsewhere: the mark still goes.
  if (prevSeg && endsInOcrMark(prevSeg)) dropLast(prevSeg);
  return { text: buf.text(), map: buf.map() };
}
