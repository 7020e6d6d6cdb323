/**
 * The layout an OCR engine wrote beside a scan (ALTO TextBlocks → TextLines
 * → Strings, in the engine's reading order), put onto the PDF's own text.
 * The PDF's text layer stays the raw layer: every kept segment of it is given
 * to the ALTO String its box overlaps most, so lines, blocks and their order
 * are the engine's while each cleaned character still maps to a raw item and
 * its rectangle. The engine saw the page image, not the invisible text drawn
 * from it, so its columns and lines beat anything re-derived from that text.
 *
 * Text the ALTO does not account for (a producer may add or keep words the
 * ALTO lacks) is laid out from the PDF as usual and read after the ALTO block
 * nearest to it; an ALTO that accounts for too little of the page is not
 * this page's, and the caller falls back to the PDF's own layout.
 */
import type { AltoPage } from './alto.ts';
import { buildBlocks, type LineBlock } from './blocks.ts';
import type { Glyphs } from './glyphs.ts';
import { CellIndex } from './cell-index.ts';
import { absorb, buildLines, lineOf, type Line, type Segment } from './lines.ts';

export interface PageLayout {
  lines: Line[];
  blocks: LineBlock[];
  /** Indices into `blocks`, in reading order. */
  order: number[];
}

/** Share of the page's visible characters the ALTO must place for its layout to be used. */
export const MIN_ALTO_COVERAGE = 0.8;

interface WordRef {
  /** The ALTO line's number on the page, counting every block's lines in order. */
  line: number;
  rect: readonly [number, number, number, number];
}

function overlapArea(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Lines, blocks and reading order from the ALTO, or null when the ALTO places
 * less than MIN_ALTO_COVERAGE of the page's visible characters (another
 * page's file, or one with no text).
 */
export function altoLayout(g: Glyphs, segs: readonly Segment[], alto: AltoPage): PageLayout | null {
  const words: WordRef[] = [];
  const lineRects: WordRef[] = [];
  for (const b of alto.blocks)
    for (const l of b.lines) {
      const line = lineRects.length;
      lineRects.push({ line, rect: l.rect });
      for (const w of l.words) words.push({ line, rect: w.rect });
    }
  const wordsNear = new CellIndex(words.map((w) => w.rect));
  const linesNear = new CellIndex(lineRects.map((l) => l.rect));

  // Segments per ALTO line (by its number), in stream order for now.
  const byLine: Array<Segment[] | undefined> = new Array(lineRects.length);
  const leftovers: Segment[] = [];
  let chars = 0;
  let placed = 0;
  for (const s of segs) {
    chars += s.glyphs.length;
    const target = s.vertical ? null : (bestWord(s, words, wordsNear) ?? bestLine(s, lineRects, linesNear));
    if (!target) {
      leftovers.push(s);
      continue;
    }
    placed += s.glyphs.length;
    const list = byLine[target.line];
    if (list) list.push(s);
    else byLine[target.line] = [s];
  }
  if (!chars || placed < MIN_ALTO_COVERAGE * chars) return null;

  const lines: Line[] = [];
  const blocks: LineBlock[] = [];
  let lineNo = 0;
  for (const b of alto.blocks) {
    const own: Line[] = [];
    for (let li = 0; li < b.lines.length; li++) {
      const sorted = byLine[lineNo++];
      if (!sorted) continue;
      // The engine's words run left to right; the stream may draw them otherwise (a stable sort, in place: the list is ours).
      sorted.sort((x, y) => x.x0 - y.x0);
      const line = lineOf(sorted[0]);
      for (let k = 1; k < sorted.length; k++) absorb(line, lineOf(sorted[k]));
      own.push(line);
    }
    if (!own.length) continue;
    lines.push(...own);
    // An engine's block may run a headline, its deck and the story's first
    // lines together: the usual size and spacing rules split it, and the
    // pieces keep the engine's order (each where its first line was).
    const rank = new Map(own.map((l, k) => [l, k]));
    const parts = buildBlocks(own, g).map((p) => ({ ...p, lines: [...p.lines].sort((x, y) => rank.get(x)! - rank.get(y)!) }));
    parts.sort((x, y) => rank.get(x.lines[0])! - rank.get(y.lines[0])!);
    blocks.push(...parts);
  }
  const order = blocks.map((_, i) => i);
  const altoBlocks = blocks.length;

  if (leftovers.length) {
    // Text the engine did not list: the PDF's own lines and blocks, each read after the nearest ALTO block.
    const extraLines = buildLines(g, leftovers);
    lines.push(...extraLines);
    for (const extra of buildBlocks(extraLines, g)) {
      const at = nearestBlock(blocks.slice(0, altoBlocks), extra);
      blocks.push(extra);
      const pos = at < 0 ? order.length : order.indexOf(at) + 1;
      order.splice(pos, 0, blocks.length - 1);
    }
  }
  return { lines, blocks, order };
}

/**
 * The ALTO word whose box best matches the segment's (overlap over union), if
 * it covers a third of the segment. Overlap alone favours a big box that
 * merely contains the segment: on the 1859 masthead the engine boxed a
 * stray "I" inside "STAR" of another line, and the title art "®mttt§" over
 * "V01'." of the dateline; each small segment overlaps the big box a little
 * more than its own word's, and was read into the wrong line ("STARI").
 */
function bestWord(s: Segment, words: readonly WordRef[], near: CellIndex): WordRef | null {
  const box = [s.x0, s.top, s.x1, s.bottom];
  const area = Math.max(1e-6, (s.x1 - s.x0) * (s.bottom - s.top));
  let best: WordRef | null = null;
  let bestArea = 0;
  let bestFit = 0;
  // Candidates in the grid's fixed order: of equal fits the first stays, as it always has.
  for (let k = 0, n = near.query(box[0], box[1], box[2], box[3]); k < n; k++) {
    const w = words[near.found[k]];
    const a = overlapArea(box, w.rect);
    if (!a) continue;
    const r = w.rect;
    const fit = a / (area + (r[2] - r[0]) * (r[3] - r[1]) - a);
    if (fit > bestFit) {
      bestFit = fit;
      bestArea = a;
      best = w;
    }
  }
  return best && bestArea >= area / 3 ? best : null;
}

/**
 * No word matches (the text layer split or shifted a word): the ALTO line
 * that shares most of the segment's height and lies within a size of it.
 */
function bestLine(s: Segment, lines: readonly WordRef[], near: CellIndex): WordRef | null {
  const reach = s.size;
  const box = [s.x0 - reach, s.top, s.x1 + reach, s.bottom];
  let best: WordRef | null = null;
  let bestScore = Infinity;
  for (let k = 0, n = near.query(box[0], box[1], box[2], box[3]); k < n; k++) {
    const l = lines[near.found[k]];
    const r = l.rect;
    const v = Math.min(r[3], s.bottom) - Math.max(r[1], s.top);
    if (v < 0.5 * (s.bottom - s.top)) continue;
    const dx = Math.max(0, r[0] - s.x1, s.x0 - r[2]);
    if (dx > reach) continue;
    const score = dx + Math.abs((r[1] + r[3]) / 2 - (s.top + s.bottom) / 2);
    if (score < bestScore) {
      bestScore = score;
      best = l;
    }
  }
  return best;
}

/** Index of the block closest to `b` (gap between boxes), or -1 when there is none. */
function nearestBlock(blocks: readonly LineBlock[], b: LineBlock): number {
  let best = -1;
  let bestD = Infinity;
  blocks.forEach((o, i) => {
    const dx = Math.max(0, o.x0 - b.x1, b.x0 - o.x1);
    const dy = Math.max(0, o.top - b.bottom, b.top - o.bottom);
    const d = Math.hypot(dx, dy);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
