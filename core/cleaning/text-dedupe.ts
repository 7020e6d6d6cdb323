/**
 * Text-only removal of "fake bold" overprint: when a typesetting system draws
 * every run twice and the extractor has no geometry, a run "ABC" shows up as
 * "ABCABC". We find the doubled runs from the text alone, then tell them
 * apart from real reduplication ("谢谢", "一组组", "研究研究") by context.
 *
 * Spaces rule (one rule, applied everywhere):
 * - leading/trailing spaces and runs of several spaces beyond the first go ('whitespace');
 * - a space between two CJK characters is justification and goes
 *   ('justification-space'), EXCEPT a single phrase gap in a line that is not
 *   letter-spaced and whose both neighbours are CJK letters (not punctuation):
 *   "世界五金之都 品质活力永康", "□记者 潘燕佳", a title's phrases. Justified
 *   lines spread spaces between every character, so they never keep one;
 * - a space next to a digit or Latin letter ("2020 年") is kept, as drawn.
 */
import { cjkForSpacing, isCjk, isCjkPunct, isSpace, NEVER_DOUBLED, spaceBetween } from './script.ts';

export { isCjkPunct };

export type DedupeReason = 'overprint' | 'justification-space' | 'whitespace';

export interface RemovedSpan {
  start: number;
  end: number;
  reason: DedupeReason;
}

/**
 * One piece of the line as the segmenter saw it. A doubled segment covers
 * both copies: [start, start + len) and [start + len, start + 2 * len).
 */
export type Segment =
  | { kind: 'space'; start: number; end: number }
  | { kind: 'single'; start: number; end: number }
  | { kind: 'doubled'; start: number; len: number; resolution: 'overprint' | 'reduplication' };

/** A kept stretch of non-space text and where it came from, for phrase splitting. */
export interface Piece {
  start: number;
  end: number;
  /** True when this stretch is the kept copy of an overprinted run. */
  overprint: boolean;
}

export interface DedupedLine {
  /** Cleaned line text (kept characters, in order). */
  text: string;
  /** Index in the raw line of each UTF-16 unit of `text`. */
  source: number[];
  /** Kept [start, end) ranges of the raw line, ascending. */
  kept: Array<[number, number]>;
  removed: RemovedSpan[];
  segments: Segment[];
  pieces: Piece[];
  /** Non-space characters of the raw line inside overprinted runs (both copies). */
  overprintChars: number;
  /** Non-space characters of the raw line. */
  nonSpaceChars: number;
  /** True when the line spreads justification spaces between its characters. */
  letterSpaced: boolean;
}

export interface DedupeOptions {
  /**
   * The page is mostly overprinted: a line made only of short doubled runs
   * ("建建。。" has punctuation, but "的的" alone would not) is then overprint too.
   */
  pageDoubled?: boolean;
}


/** Longest run length tried; a run is one extractor text item, never longer than a line. */
const MAX_RUN = 400;
/** Cost of an undoubled character against one segment: undoubled text is the last resort. */
const SINGLE_WEIGHT = 1000;

function isHigh(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Splits a line into doubled runs, undoubled characters and spaces, using as
 * few undoubled characters as possible, then as few segments as possible: the
 * longest consistent runs win, so "会帮帮团会帮帮团" is one run of "会帮帮团".
 */
export function segmentLine(s: string): Segment[] {
  const n = s.length;
  const cost = new Float64Array(n + 1);
  const step = new Int32Array(n + 1); // >0: doubled run of that length; 0: single; -1: space
  const maxRun = Math.min(MAX_RUN, n >> 1);
  // lcp[L] = length of the common prefix of s[i..] and s[i+L..], updated as i moves left,
  // so "s[i, i+L) is doubled" is one lookup and the whole line costs O(n * maxRun).
  const lcp = new Int32Array(maxRun + 1);
  for (let i = n - 1; i >= 0; i--) {
    for (let L = 1; L <= maxRun && i + L < n; L++) lcp[L] = s.charCodeAt(i) === s.charCodeAt(i + L) ? lcp[L] + 1 : 0;
    if (isSpace(s[i])) {
      cost[i] = cost[i + 1];
      step[i] = -1;
      continue;
    }
    const unit = isHigh(s, i) && i + 1 < n && isLow(s, i + 1) ? 2 : 1;
    let best = SINGLE_WEIGHT + 1 + cost[i + unit];
    let bestStep = 0;
    if (!isLow(s, i)) {
      const maxL = Math.min(maxRun, (n - i) >> 1);
      for (let L = 1; L <= maxL; L++) {
        if (lcp[L] < L || isSpace(s[i + L - 1]) || isHigh(s, i + L - 1)) continue;
        const c = 1 + cost[i + 2 * L];
        // "<=" so that on a tie the longer run wins.
        if (c <= best) {
          best = c;
          bestStep = L;
        }
      }
    }
    cost[i] = best;
    step[i] = bestStep;
  }
  const segs: Segment[] = [];
  let i = 0;
  while (i < n) {
    const st = step[i];
    if (st > 0) {
      segs.push({ kind: 'doubled', start: i, len: st, resolution: 'overprint' });
      i += 2 * st;
      continue;
    }
    const kind = st < 0 ? 'space' : 'single';
    const last = segs[segs.length - 1];
    const unit = kind === 'single' && isHigh(s, i) && i + 1 < n && isLow(s, i + 1) ? 2 : 1;
    if (last && last.kind === kind) last.end = i + unit;
    else segs.push({ kind, start: i, end: i + unit });
    i += unit;
  }
  return segs;
}

function nonSpaceCount(s: string, start: number, end: number): number {
  let k = 0;
  for (let i = start; i < end; i++) if (!isSpace(s[i])) k++;
  return k;
}

/** A doubled run that is overprint evidence on its own: long enough, or doubled punctuation. */
function isStrong(s: string, seg: { start: number; len: number }): boolean {
  const run = s.slice(seg.start, seg.start + seg.len);
  if (NEVER_DOUBLED.test(run)) return true;
  const chars = [...run].filter((c) => !isSpace(c));
  return chars.length >= 3 && new Set(chars).size >= 2;
}

/**
 * Decides, for each short doubled run, whether it is overprint or a real
 * reduplication: next to undoubled text it is real ("一行行"); in a cluster
 * of doubled runs that holds a strong one it is overprint ("，，该该").
 */
function resolveRuns(s: string, segs: Segment[], opts: DedupeOptions): void {
  const solid = segs.filter((g) => g.kind !== 'space');
  const strong = solid.map((g) => g.kind === 'doubled' && isStrong(s, g));
  const lineAllDoubled = solid.every((g) => g.kind === 'doubled');
  // Cluster id for each maximal sequence of doubled segments.
  const cluster: number[] = [];
  const clusterStrong: boolean[] = [];
  let id = -1;
  for (let k = 0; k < solid.length; k++) {
    if (solid[k].kind !== 'doubled') {
      cluster.push(-1);
      continue;
    }
    if (k === 0 || solid[k - 1].kind !== 'doubled') clusterStrong[++id] = false;
    cluster.push(id);
    if (strong[k]) clusterStrong[id] = true;
  }
  for (let k = 0; k < solid.length; k++) {
    const g = solid[k];
    if (g.kind !== 'doubled' || strong[k]) continue;
    const nextToSingle = solid[k - 1]?.kind === 'single' || solid[k + 1]?.kind === 'single';
    let overprint: boolean;
    if (nextToSingle) overprint = false;
    else if (clusterStrong[cluster[k]]) overprint = true;
    else overprint = lineAllDoubled && opts.pageDoubled === true;
    g.resolution = overprint ? 'overprint' : 'reduplication';
  }
}

export function dedupeLine(line: string, opts: DedupeOptions = {}): DedupedLine {
  const s = line;
  const segments = segmentLine(s);
  resolveRuns(s, segments, opts);

  const keep = new Uint8Array(s.length); // 1 kept, 0 removed
  const reason: (DedupeReason | undefined)[] = new Array(s.length);
  const pieces: Piece[] = [];
  let overprintChars = 0;
  for (const g of segments) {
    if (g.kind === 'space') {
      for (let i = g.start; i < g.end; i++) keep[i] = 1;
    } else if (g.kind === 'single') {
      for (let i = g.start; i < g.end; i++) keep[i] = 1;
      pieces.push({ start: g.start, end: g.end, overprint: false });
    } else if (g.resolution === 'reduplication') {
      const end = g.start + 2 * g.len;
      for (let i = g.start; i < end; i++) keep[i] = 1;
      const last = pieces[pieces.length - 1];
      // A kept reduplication is undoubled text: it belongs with its undoubled neighbours.
      if (last && !last.overprint && last.end === g.start) last.end = end;
      else pieces.push({ start: g.start, end, overprint: false });
    } else {
      for (let i = g.start; i < g.start + g.len; i++) keep[i] = 1;
      for (let i = g.start + g.len; i < g.start + 2 * g.len; i++) reason[i] = 'overprint';
      overprintChars += 2 * nonSpaceCount(s, g.start, g.start + g.len);
      pieces.push({ start: g.start, end: g.start + g.len, overprint: true });
    }
  }
  // Undoubled neighbours merge into one piece.
  for (let k = pieces.length - 1; k > 0; k--) {
    const a = pieces[k - 1];
    const b = pieces[k];
    if (!a.overprint && !b.overprint && a.end === b.start) {
      a.end = b.end;
      pieces.splice(k, 1);
    }
  }

  const keptIdx: number[] = [];
  for (let i = 0; i < s.length; i++) if (keep[i]) keptIdx.push(i);
  const letterSpaced = isLetterSpaced(s, keptIdx);
  let keptChars: string[] | undefined;
  // Spaces: decide per maximal group of kept spaces.
  for (let a = 0; a < keptIdx.length; ) {
    if (!isSpace(s[keptIdx[a]])) {
      a++;
      continue;
    }
    let b = a;
    while (b < keptIdx.length && isSpace(s[keptIdx[b]])) b++;
    const prev = a > 0 ? s[keptIdx[a - 1]] : undefined;
    const next = b < keptIdx.length ? s[keptIdx[b]] : undefined;
    let keepFirst: boolean;
    let why: DedupeReason = 'whitespace';
    if (prev === undefined || next === undefined) keepFirst = false;
    else {
      keptChars ??= keptIdx.map((i) => s[i]);
      const decision = spaceBetween(cjkForSpacing(keptChars, a - 1, -1), cjkForSpacing(keptChars, b, 1), prev, next, letterSpaced);
      keepFirst = decision === 'keep';
      if (!keepFirst) why = 'justification-space';
    }
    for (let k = a; k < b; k++) {
      if (k === a && keepFirst) continue;
      keep[keptIdx[k]] = 0;
      reason[keptIdx[k]] = k === a ? why : 'whitespace';
    }
    a = b;
  }

  const kept: Array<[number, number]> = [];
  const removed: RemovedSpan[] = [];
  const source: number[] = [];
  let text = '';
  for (let i = 0; i < s.length; ) {
    let j = i + 1;
    if (keep[i]) {
      while (j < s.length && keep[j]) j++;
      kept.push([i, j]);
      for (let k = i; k < j; k++) source.push(k);
      text += s.slice(i, j);
    } else {
      // One removed span per overprint copy / space group, never merged across them.
      const r = reason[i] as DedupeReason;
      while (j < s.length && !keep[j] && reason[j] === r && !(r === 'overprint' && isCopyStart(segments, j))) j++;
      removed.push({ start: i, end: j, reason: r });
    }
    i = j;
  }
  return {
    text,
    source,
    kept,
    removed,
    segments,
    pieces,
    overprintChars,
    nonSpaceChars: nonSpaceCount(s, 0, s.length),
    letterSpaced,
  };
}

function isCopyStart(segs: Segment[], i: number): boolean {
  return segs.some((g) => g.kind === 'doubled' && g.resolution === 'overprint' && g.start + g.len === i);
}

/**
 * A justified line spreads spaces between its characters: at least three
 * CJK-to-CJK gaps, and gaps between a good share of its CJK characters.
 * (Spaces around digits, as in "2021 年 1 月", do not count.)
 */
function isLetterSpaced(s: string, keptIdx: number[]): boolean {
  let cjk = 0;
  let gaps = 0;
  let prev: string | undefined;
  let sawSpace = false;
  for (const i of keptIdx) {
    const ch = s[i];
    if (isSpace(ch)) {
      sawSpace = true;
      continue;
    }
    if (isCjk(ch)) {
      cjk++;
      if (sawSpace && prev !== undefined && isCjk(prev)) gaps++;
    }
    prev = ch;
    sawSpace = false;
  }
  return gaps >= 3 && gaps >= 0.3 * (cjk - 1);
}
