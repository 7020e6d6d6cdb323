/**
 * Kept characters → segments (runs of visible characters inside one item) →
 * lines (same baseline, horizontally continuous). A wide horizontal gap ends a
 * line, so neighbouring columns that share baselines never merge.
 */
import type { Glyphs } from './glyphs.ts';
import type { Rivers } from './rivers.ts';
import { segmentSlots, streamAllowsJoin, type StreamLines } from './stream-links.ts';
import { median, medianBy } from './median.ts';
import { lowerBound } from '../lower-bound.ts';

export interface Segment {
  /** Position in buildSegments' output: the key of per-segment arrays (stream-links.ts, buildLines). */
  index: number;
  item: number;
  /** Glyph indices, left to right. */
  glyphs: number[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  /** Horizontal em of the segment's first glyph. */
  em: number;
  vertical: boolean;
  /** The first whitespace glyph following the segment in the same item, or -1. */
  spaceAfter: number;
}

export interface Line {
  /** Left to right; a gutter speck at either end may lie outside [x0, x1]. */
  segs: Segment[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Character-weighted mean font size. */
  size: number;
  chars: number;
  gapSum: number;
  gaps: number;
}

/** Placeholder until buildSegments gives a segment its glyphs. */
const NO_GLYPHS: number[] = [];

/** Runs of kept, non-space glyphs inside each item; removed overprints are skipped without splitting. */
export function buildSegments(g: Glyphs, removed: Uint8Array): Segment[] {
  const segs: Segment[] = [];
  // Each segment's glyphs are a stretch of `kept` (segments never interleave): collected here, then copied
  // into arrays of their exact length, since a page's ~10k segments live through the whole of cleaning and
  // arrays grown by push carry (and have the garbage collector copy) a dozen spare slots each.
  const kept = new Int32Array(g.count);
  const from = new Int32Array(g.count + 1);
  let n = 0;
  // The open segment's extent is kept in locals and written once it closes: a field updated per glyph
  // (a boxed double) made a heap number per glyph until V8 had optimized this loop, a page's first call.
  // (Written out at each close, not by a closure: captured locals live boxed in the closure's context.)
  let cur: Segment | null = null;
  let x0 = 0;
  let x1 = 0;
  let top = 0;
  let bottom = 0;
  for (let i = 0; i < g.count; i++) {
    if (cur && g.item[i] !== cur.item) {
      cur.x0 = x0;
      cur.x1 = x1;
      cur.top = top;
      cur.bottom = bottom;
      cur = null;
    }
    if (removed[i]) continue;
    if (g.space[i]) {
      if (cur) {
        if (cur.spaceAfter < 0) cur.spaceAfter = i;
        cur.x0 = x0;
        cur.x1 = x1;
        cur.top = top;
        cur.bottom = bottom;
      }
      cur = null;
      continue;
    }
    if (!cur) {
      x0 = g.x0[i];
      x1 = g.x1[i];
      top = g.top[i];
      bottom = g.bottom[i];
      cur = {
        index: segs.length,
        item: g.item[i],
        glyphs: NO_GLYPHS,
        x0,
        x1,
        top,
        bottom,
        size: g.size[i],
        em: g.em[i],
        vertical: g.vertical[i] === 1,
        spaceAfter: -1,
      };
      from[segs.length] = n;
      segs.push(cur);
    }
    kept[n++] = i;
    x0 = Math.min(x0, g.x0[i]);
    x1 = Math.max(x1, g.x1[i]);
    top = Math.min(top, g.top[i]);
    bottom = Math.max(bottom, g.bottom[i]);
  }
  if (cur) {
    cur.x0 = x0;
    cur.x1 = x1;
    cur.top = top;
    cur.bottom = bottom;
  }
  from[segs.length] = n;
  for (let k = 0; k < segs.length; k++) {
    const start = from[k];
    const end = from[k + 1];
    // (Very long runs, a CJK paragraph in one item, are pushed: a huge preallocated array may go to dictionary mode.)
    const glyphs = end - start <= 1024 ? new Array<number>(end - start) : [];
    for (let j = start; j < end; j++) glyphs[j - start] = kept[j];
    segs[k].glyphs = glyphs;
  }
  return segs;
}

/** Baselines closer than this fraction of the smaller size are one line. */
const BASELINE_TOLERANCE = 0.4;

/**
 * Largest gap (in ems of the smaller size) that still continues a line. Word
 * spaces in justified columns stay under ~1 em; gutters between columns are
 * wider. CJK text has no word spaces, so its gutters can be narrower.
 */
export function maxLineGap(cjkBoth: boolean): number {
  return cjkBoth ? 0.9 : 1.1;
}

/**
 * A gap this many times the line's mean word gap so far is a gutter even when
 * it is under the em limit: old scans set columns a single em apart.
 */
const GUTTER_VS_WORD_GAP = 2.2;

/**
 * `rivers`, when given, vetoes joining across a column gutter however narrow
 * (CJK is exempt: its grid-aligned justification spaces line up by design).
 */
export function buildLines(g: Glyphs, segs: readonly Segment[], rivers?: Rivers, stream?: StreamLines): Line[] {
  const lines: Line[] = [];
  // The open line each segment went to, for stream links (stream-links.ts).
  const placed = new Array<OpenLine | undefined>(segmentSlots(segs));
  const horizontal = segs.filter((s) => !s.vertical);
  for (const s of segs) if (s.vertical) lines.push(lineOf(s));
  sortByX0(horizontal);
  // Buckets sized for body text: a page's few huge glyphs (mastheads, OCR noise)
  // must not make every bucket hold half the page.
  const bucketSize = Math.max(1, medianSegmentSize(horizontal) * BASELINE_TOLERANCE);
  // Open lines by baseline bucket of their last segment.
  const open = new Map<number, OpenLine[]>();
  for (const s of horizontal) {
    const b = Math.floor(s.bottom / bucketSize);
    let best: OpenLine | null = null;
    let bestDy = Infinity;
    // The producer drew it right after the end of an open line: that line, unless a gutter lies between.
    const pred = stream?.prev[s.index];
    const linked = pred ? placed[pred.index] : undefined;
    const acrossRiver = !!linked && !!rivers && s.x0 > linked.line.x1 && rivers.crosses(linked.line.x1, s.x0, s.top, s.bottom);
    // ...or a speck the producer put at the start or end of this line, out in the gutter.
    const leftSpeck = acrossRiver && linked!.line.segs.length === 1 && isSpeck(pred!) && !isSpeck(s);
    const rightSpeck = acrossRiver && isSpeck(s) && !isSpeck(pred!);
    const viaLink = !!linked && linked.last === pred && (!acrossRiver || leftSpeck || rightSpeck);
    if (viaLink) best = linked;
    // Any line it can join ends within the tolerance of its own (larger or equal) size.
    const reach = BASELINE_TOLERANCE * s.size;
    const b1 = Math.floor((s.bottom + reach) / bucketSize);
    for (let bb = Math.floor((s.bottom - reach) / bucketSize); bb <= b1 && !viaLink; bb++) {
      const list = open.get(bb);
      if (!list) continue;
      for (let k = list.length - 1; k >= 0; k--) {
        const cand = list[k];
        const minSize = Math.min(cand.last.size, s.size);
        const cjkBoth =
          g.cjk[cand.last.glyphs[cand.last.glyphs.length - 1]] === 1 && g.cjk[s.glyphs[0]] === 1;
        const gap = s.x0 - cand.line.x1;
        // Segments arrive sorted by x0: a line this far behind can never continue.
        if (gap > maxLineGap(false) * Math.max(cand.last.size, s.size, cand.last.em, s.em) * 2) {
          list.splice(k, 1);
          cand.filed = false;
          continue;
        }
        const em = Math.min(reliableEm(cand.last, cand), reliableEm(s, cand));
        if (gap > maxLineGap(cjkBoth) * em) continue;
        // Words of one line sit side by side: a word the producer started a line with, starting
        // over half-way back under the line's last word, is on the line below or above (a tall OCR
        // box reaching down to the next line's baseline).
        if (stream?.starts[s.index] === 1 && gap < -STACKED_OVERLAP * Math.min(s.x1 - s.x0, cand.last.x1 - cand.last.x0)) continue;
        const line = cand.line;
        if (line.gaps >= 2 && gap > 0.5 * em && gap > GUTTER_VS_WORD_GAP * Math.max(line.gapSum / line.gaps, 0.15 * em)) continue;
        const dy = Math.abs(cand.last.bottom - s.bottom);
        if (dy > BASELINE_TOLERANCE * minSize) continue;
        if (dy >= bestDy) continue;
        if (rivers && !cjkBoth && gap > 0 && rivers.crosses(line.x1, s.x0, s.top, s.bottom)) continue;
        if (!cjkBoth && !streamAllowsJoin(stream, cand.last, s, gap, em) && !startsAcrossGutter(s, stream, rivers)) continue;
        bestDy = dy;
        best = cand;
      }
    }
    if (best) {
      const { line } = best;
      const gap = s.x0 - line.x1;
      if (viaLink && leftSpeck) {
        // The line's geometry starts with its first real word: the speck rides along as text only.
        Object.assign(line, lineOf(s), { segs: [...line.segs, s] });
        best.emSum = s.em * s.glyphs.length;
      } else if (viaLink && rightSpeck) {
        line.segs.push(s);
      } else {
        if (gap > 0) {
          line.gapSum += gap;
          line.gaps++;
        }
        line.segs.push(s);
        line.x1 = Math.max(line.x1, s.x1);
        line.top = Math.min(line.top, s.top);
        line.bottom = Math.max(line.bottom, s.bottom);
        line.size = (line.size * line.chars + s.size * s.glyphs.length) / (line.chars + s.glyphs.length);
        line.chars += s.glyphs.length;
        best.emSum += s.em * s.glyphs.length;
      }
      // Re-file under the new last segment's baseline bucket (skewed scans drift).
      // A linked line may have been dropped from its bucket as too far behind: file it again.
      const ob = Math.floor(best.last.bottom / bucketSize);
      if (ob !== b || !best.filed) {
        if (best.filed) {
          const list = open.get(ob)!;
          list.splice(list.indexOf(best), 1);
        }
        best.last = s;
        pushOpen(open, b, best);
        best.filed = true;
      } else best.last = s;
      placed[s.index] = best;
    } else {
      const line = lineOf(s);
      lines.push(line);
      const o: OpenLine = { line, last: s, emSum: s.em * s.glyphs.length, filed: true };
      placed[s.index] = o;
      pushOpen(open, b, o);
    }
  }
  return lines;
}

/**
 * The producer started a line with `s` and ran that line on across a column
 * gutter: its start is no evidence that `s` is not the end of the line to its
 * left. ABBYY cuts the end of a left-column line off into the right column's
 * line ("learn that" | "on GiWton Saudford…", printed "learn that on"), and the
 * stream-line veto would leave "on" a line of its own.
 */
function startsAcrossGutter(s: Segment, stream: StreamLines | undefined, rivers: Rivers | undefined): boolean {
  const n = stream?.next[s.index];
  return !!n && !!rivers && n.x0 > s.x1 && rivers.crosses(s.x1, n.x0, Math.min(s.top, n.top), Math.max(s.bottom, n.bottom));
}

/**
 * OCR specks: a single glyph (a stray "i", "|", "'" from dirt or a rule in
 * the gutter). Linked to a line across a gutter they join its text but not
 * its geometry (Line.x0/x1 and size), so columns and reading order never see them.
 */
function isSpeck(s: Segment): boolean {
  return s.glyphs.length === 1;
}

/** Share of the shorter word's width two words may overlap and still be neighbours on one line. */
const STACKED_OVERLAP = 0.5;

/** Segments this short give no usable em of their own. */
const MIN_EM_GLYPHS = 3;

/**
 * The segment's em, or the line's mean em when the segment is too short to
 * tell: OCR layers fit each word's box with its own horizontal scale, so a
 * short word ("5", "I*") gets an em far below its neighbours'.
 */
function reliableEm(s: Segment, open: OpenLine): number {
  return s.glyphs.length >= MIN_EM_GLYPHS ? s.em : open.emSum / open.line.chars;
}

interface OpenLine {
  line: Line;
  last: Segment;
  /** Still in the bucket of its last segment (lines far behind are dropped from their buckets). */
  filed: boolean;
  /** Sum of em × glyphs over the line's segments. */
  emSum: number;
}

const byX0ThenBottom = (a: Segment, b: Segment) => a.x0 - b.x0 || a.bottom - b.bottom;

/**
 * Sorts by x0, then baseline, as Array.sort with that comparator would (stable),
 * but by distributing into narrow x buckets first: a comparator sort of a whole
 * page's segments is a noticeable share of cleaning time.
 */
export function sortByX0(segs: Segment[]): void {
  const n = segs.length;
  let min = Infinity;
  let max = -Infinity;
  for (const s of segs) {
    if (s.x0 < min) min = s.x0;
    if (s.x0 > max) max = s.x0;
  }
  if (n < 64 || !Number.isFinite(min) || !Number.isFinite(max) || max === min) {
    segs.sort(byX0ThenBottom);
    return;
  }
  const buckets = n;
  const scale = (buckets - 1) / (max - min);
  const start = new Int32Array(buckets + 1);
  const key = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    key[i] = Math.floor((segs[i].x0 - min) * scale);
    start[key[i] + 1]++;
  }
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const fill = start.slice(0, buckets);
  const out = new Array<Segment>(n);
  for (let i = 0; i < n; i++) out[fill[key[i]]++] = segs[i];
  for (let b = 0; b < buckets; b++) {
    const lo = start[b];
    const hi = start[b + 1];
    if (hi - lo < 2) continue;
    if (hi - lo <= 16) {
      // Buckets hold one or two segments as a rule: a stable insertion sort in place, not a copy and a sort.
      for (let k = lo + 1; k < hi; k++) {
        const v = out[k];
        let j = k - 1;
        while (j >= lo && byX0ThenBottom(out[j], v) > 0) {
          out[j + 1] = out[j];
          j--;
        }
        out[j + 1] = v;
      }
      continue;
    }
    const part = out.slice(lo, hi).sort(byX0ThenBottom);
    for (let k = 0; k < part.length; k++) out[lo + k] = part[k];
  }
  for (let i = 0; i < n; i++) segs[i] = out[i];
}

function medianSegmentSize(segs: readonly Segment[]): number {
  if (!segs.length) return 1;
  const sizes: number[] = [];
  for (let i = 0; i < segs.length; i += 8) sizes.push(segs[i].size);
  return median(sizes);
}

function pushOpen<T>(open: Map<number, T[]>, b: number, v: T): void {
  const list = open.get(b);
  if (list) list.push(v);
  else open.set(b, [v]);
}

/**
 * The line's baseline: the median of its segments' box bottoms. OCR layers
 * box each word separately and one tall box moves Line.bottom by a third of
 * the leading, enough to make two consecutive lines look like one.
 */
export function baselineOf(l: Line): number {
  const n = l.segs.length;
  if (n === 0) return l.bottom;
  if (n === 1) return l.segs[0].bottom;
  if (n === 2) return Math.min(l.segs[0].bottom, l.segs[1].bottom);
  // Blocks and paragraphs ask for every line several times; lines only grow while being built.
  const cached = baselines.get(l);
  if (cached && cached[0] === n) return cached[1];
  const baseline = medianBy(l.segs, segBottom);
  baselines.set(l, [n, baseline]);
  return baseline;
}

const baselines = new WeakMap<Line, [segs: number, baseline: number]>();
const segBottom = (s: Segment) => s.bottom;

export function lineOf(s: Segment): Line {
  return { segs: [s], x0: s.x0, x1: s.x1, top: s.top, bottom: s.bottom, size: s.size, chars: s.glyphs.length, gapSum: 0, gaps: 0 };
}

/** Widest word space (in ems) a justified line may have: wider fragments are never rejoined. */
const MAX_JUSTIFIED_GAP = 5;
/** Baseline distance, in sizes, within which the lines above and below are a line's neighbours. */
const NEIGHBOUR_REACH = 2.5;

/**
 * Justified lines with few words get word spaces wider than any gap limit, so
 * buildLines leaves them in pieces on one baseline. Two pieces are one line
 * when the neighbouring lines of the same size run straight across the gap
 * between them: a gutter is crossed by nothing. Returns the merged lines (the
 * right-hand piece is folded into the left one).
 */
export function mergeJustifiedFragments(lines: Line[], rivers?: Rivers, stream?: StreamLines): Line[] {
  const sorted = [...lines].sort((a, b) => a.bottom - b.bottom || a.x0 - b.x0);
  const bottoms = sorted.map((l) => l.bottom);
  const gone = new Set<Line>();
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    if (gone.has(a) || isVertical(a)) continue;
    // Fold in the nearest piece to the right on the same baseline, repeatedly.
    for (;;) {
      let b: Line | null = null;
      const low = a.bottom - BASELINE_TOLERANCE * a.size;
      for (let k = lowerBound(bottoms.length, (j) => bottoms[j] < low); k < sorted.length && sorted[k].bottom <= a.bottom + BASELINE_TOLERANCE * a.size; k++) {
        const c = sorted[k];
        if (c === a || gone.has(c) || isVertical(c) || c.x0 < a.x1) continue;
        if (Math.max(a.size, c.size) > 1.2 * Math.min(a.size, c.size)) continue;
        if (!b || c.x0 < b.x0) b = c;
      }
      if (!b || b.x0 - a.x1 > MAX_JUSTIFIED_GAP * Math.min(a.size, b.size)) break;
      const across = crossedByNeighbours(sorted, bottoms, a, b, gone);
      if (across === 'open' || (across === 'alone' && !spacedWords(a, b))) break;
      if (rivers?.crosses(a.x1, b.x0, Math.min(a.top, b.top), Math.max(a.bottom, b.bottom))) break;
      if (!streamAllowsJoin(stream, a.segs[a.segs.length - 1], b.segs[0], b.x0 - a.x1, Math.min(a.segs[a.segs.length - 1].em, b.segs[0].em))) break;
      gone.add(b);
      absorb(a, b);
    }
  }
  return lines.filter((l) => !gone.has(l));
}

function isVertical(l: Line): boolean {
  return l.segs[0].vertical;
}

/**
 * The nearest same-size line above and below that reaches into the gap (at
 * least one of them) both run straight across it: a word space inside a
 * justified column. A gutter has nothing crossing it.
 */
function crossedByNeighbours(sorted: readonly Line[], bottoms: readonly number[], a: Line, b: Line, gone: ReadonlySet<Line>): 'crossed' | 'open' | 'alone' {
  const size = Math.min(a.size, b.size);
  const reach = NEIGHBOUR_REACH * size;
  const g0 = a.x1;
  const g1 = b.x0;
  let above: Line | null = null;
  let below: Line | null = null;
  const low = a.bottom - reach;
  for (let k = lowerBound(bottoms.length, (j) => bottoms[j] < low); k < sorted.length && sorted[k].bottom <= a.bottom + reach; k++) {
    const l = sorted[k];
    if (l === a || l === b || gone.has(l) || isVertical(l)) continue;
    const dy = l.bottom - a.bottom;
    if (Math.abs(dy) < BASELINE_TOLERANCE * size) continue;
    if (Math.max(l.size, size) > 1.2 * Math.min(l.size, size)) continue;
    if (l.x1 <= g0 || l.x0 >= g1) continue;
    if (dy < 0 && (!above || l.bottom > above.bottom)) above = l;
    if (dy > 0 && !below) below = l;
  }
  const crosses = (l: Line | null) => !l || (l.x0 <= g0 && l.x1 >= g1 && inkAcross(l, g0, g1));
  if (above === null && below === null) return 'alone';
  return crosses(above) && crosses(below) ? 'crossed' : 'open';
}

/** Widest word space (in sizes) of a spaced-out line that has no same-size lines around it. */
const MAX_SPACED_GAP = 1;

/**
 * Two pieces of a line standing alone (a dateline, a box title, a one-line
 * headline) with nothing of its size above or below to vouch for the gap:
 * such lines are often letter-spaced or set with wide word spaces, so pieces
 * whose boxes share the same band and lie under one size apart are one line.
 * Gutters between side-by-side headlines are vetoed by rivers, and wider
 * than this when the headlines are centred in their columns.
 */
function spacedWords(a: Line, b: Line): boolean {
  const size = Math.min(a.size, b.size);
  if (b.x0 - a.x1 > MAX_SPACED_GAP * size) return false;
  const shared = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return shared >= 0.7 * Math.min(a.bottom - a.top, b.bottom - b.top);
}

/**
 * The line has ink across [g0, g1] broken only by its own ordinary word
 * spaces. A line that itself bridges a gutter (OCR layers and narrow gutters
 * make those) has a hole there wider than its typical space, and must not
 * vouch for a gap being a word space.
 */
function inkAcross(l: Line, g0: number, g1: number): boolean {
  let hole = 0;
  let reach = g0;
  const gaps: number[] = [];
  for (let k = 0; k < l.segs.length; k++) {
    const s = l.segs[k];
    if (k > 0 && s.x0 > l.segs[k - 1].x1) gaps.push(s.x0 - l.segs[k - 1].x1);
    if (s.x1 <= reach || s.x0 >= g1) continue;
    if (s.x0 > reach) hole = Math.max(hole, s.x0 - reach);
    reach = s.x1;
  }
  if (reach < g1) hole = Math.max(hole, g1 - reach);
  const wordGap = gaps.length ? median(gaps) : 0.15 * l.size;
  return hole < 0.5 * (g1 - g0) && hole <= Math.max(1.6 * wordGap, 0.3 * l.size);
}

export function absorb(a: Line, b: Line): void {
  const gap = b.x0 - a.x1;
  if (gap > 0) {
    a.gapSum += gap;
    a.gaps++;
  }
  a.gapSum += b.gapSum;
  a.gaps += b.gaps;
  a.segs.push(...b.segs);
  a.x1 = Math.max(a.x1, b.x1);
  a.top = Math.min(a.top, b.top);
  a.bottom = Math.max(a.bottom, b.bottom);
  a.size = (a.size * a.chars + b.size * b.chars) / (a.chars + b.chars);
  a.chars += b.chars;
}
