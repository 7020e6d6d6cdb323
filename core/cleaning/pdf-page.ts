/**
 * Cleaning for pages with geometry (pdf.js text content): remove overprints,
 * rebuild lines, blocks and paragraphs, order them for reading and join their
 * text with provenance. Every raw character ends up either in exactly one
 * block's map or in exactly one Edit.
 */
import type { Block, BlockKind, CleanedPage, Edit, Photo, RawPage, Rect } from '../page-model.ts';
import { buildGlyphs, type Glyphs } from '../layout/glyphs.ts';
import { buildLines, buildSegments, mergeJustifiedFragments, type Line, type Segment } from '../layout/lines.ts';
import { altoLayout, type PageLayout } from '../layout/alto-layout.ts';
import type { AltoPage } from '../layout/alto.ts';
import { buildBlocks, type LineBlock } from '../layout/blocks.ts';
import { fillSlots } from '../layout/slot-lines.ts';
import { mergeInterleaved } from '../layout/interleaved-blocks.ts';
import { findRivers } from '../layout/rivers.ts';
import { clipAtGutters } from '../layout/gutter-clip.ts';
import { streamLinks } from '../layout/stream-links.ts';
import { readingOrder } from '../layout/reading-order.ts';
import { captionableImages, classifyBlocks, medianSize } from '../layout/block-kinds.ts';
import { charWidth, isIndented, measureOf, splitParagraphs, type Measure } from '../layout/paragraphs.ts';
import { joinLines, makeJoinContext, segmentText } from '../layout/join.ts';
import { medianBy } from '../layout/median.ts';
import { findOverprints, rangesToEdits } from './overprint.ts';
import { findPagePhotos } from '../photos/page-photos.ts';

interface Part {
  block: LineBlock;
  lines: Line[];
}

interface Para {
  kind: BlockKind;
  parts: Part[];
  /** First/last paragraph of its column block: only these may continue across columns. */
  first: boolean;
  last: boolean;
}

function lineTextOf(page: RawPage, g: Glyphs, line: Line): string {
  let out = segmentText(page, g, line.segs[0]);
  for (let k = 1; k < line.segs.length; k++) out += ' ' + segmentText(page, g, line.segs[k]);
  return out;
}

function lineSize(lines: readonly Line[]): number {
  let chars = 0;
  let sum = 0;
  for (const l of lines) {
    chars += l.chars;
    sum += l.size * l.chars;
  }
  return chars ? sum / chars : 0;
}

/**
 * A line's typical top and bottom: the median of its segments'. OCR layers
 * give single words boxes a third taller than their neighbours', and the
 * extreme ones would make a paragraph's box reach into the lines of the
 * paragraphs above and below it.
 */
const segTop = (s: Segment) => s.top;
const segBottom = (s: Segment) => s.bottom;

const lineTop = (l: Line) => (l.segs.length < 3 ? l.top : medianBy(l.segs, segTop));
const lineBottom = (l: Line) => (l.segs.length < 3 ? l.bottom : medianBy(l.segs, segBottom));

function unionRect(lines: readonly Line[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const l of lines) {
    // (Top and bottom apart rather than as a pair: a tuple per line of the page was garbage.)
    const top = lineTop(l);
    const bottom = lineBottom(l);
    // Gutter specks (lines.ts) are outside the line's own extent but inside the block's text.
    x0 = Math.min(x0, l.x0, l.segs[0].x0);
    y0 = Math.min(y0, top);
    x1 = Math.max(x1, l.x1, l.segs[l.segs.length - 1].x1);
    y1 = Math.max(y1, bottom);
  }
  return [x0, y0, x1, y1];
}

/**
 * A paragraph that runs off the bottom of one column and on at the top of the
 * next, or on below a picture set into its column: the part before ends with
 * a full-measure line and the part after does not start indented.
 */
function continues(g: Glyphs, a: Para, b: Para, pictures: readonly Rect[]): boolean {
  if (a.kind !== 'paragraph' || b.kind !== 'paragraph' || !a.last || !b.first) return false;
  const pa = a.parts[a.parts.length - 1];
  const pb = b.parts[0];
  if (pb.block.x0 < pa.block.x1 - 2 && !acrossPicture(pa.block, pb.block, pictures)) return false;
  const wa = pa.block.x1 - pa.block.x0;
  const wb = pb.block.x1 - pb.block.x0;
  if (Math.abs(wa - wb) > 0.2 * Math.max(wa, wb)) return false;
  const la = pa.lines[pa.lines.length - 1];
  const lb = pb.lines[0];
  if (Math.max(la.size, lb.size) / Math.min(la.size, lb.size) > 1.1) return false;
  if (pa.block.lines.length < 2 || pb.block.lines.length < 2) return false;
  const ma = measureOf(pa.block);
  if (ma.right - la.x1 > 1.5 * charWidth(g, la)) return false;
  return !isIndented(g, lb, measureOf(pb.block));
}

/**
 * The paragraph `b` continues, if any: the last one read, or the one before a
 * caption or two (a picture with its caption often sits between the end of a
 * column and the top of the next, or between two parts of one column).
 */
function continued(g: Glyphs, paras: readonly Para[], b: Para, pictures: readonly Rect[], lineText: (l: Line) => string): Para | null {
  for (let k = paras.length - 1; k >= 0 && k >= paras.length - 3; k--) {
    const a = paras[k];
    if (a.kind === 'caption') continue;
    return continues(g, a, b, pictures) || hyphenatedInto(a, b, lineText) ? a : null;
  }
  return null;
}

/**
 * The text says so whatever the geometry: the paragraph read last stops in
 * the middle of a hyphenated word ("increas-", "Augen¬") and the next one
 * starts in lower case ("ing successes."), as at the foot of a column whose
 * continuation the layout could not pair by shape.
 */
function hyphenatedInto(a: Para, b: Para, lineText: (l: Line) => string): boolean {
  if (a.kind !== 'paragraph' || b.kind !== 'paragraph' || !a.last || !b.first) return false;
  const pa = a.parts[a.parts.length - 1];
  const end = lineText(pa.lines[pa.lines.length - 1]);
  const start = lineText(b.parts[0].lines[0]);
  return /\p{Ll}[-\u00AD\u2010\u00AC]$/u.test(end) && /^\p{Ll}/u.test(start);
}

/** `b` sits below `a` in the same column with a picture between them. */
function acrossPicture(a: LineBlock, b: LineBlock, pictures: readonly Rect[]): boolean {
  if (b.top < a.bottom) return false;
  const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  if (overlap < 0.8 * Math.min(a.x1 - a.x0, b.x1 - b.x0)) return false;
  return pictures.some((r) => r[1] >= a.bottom - 2 && r[3] <= b.top + 2 && Math.min(r[2], a.x1) - Math.max(r[0], a.x0) > 0.5 * (a.x1 - a.x0));
}

/**
 * A subhead set in the column's own type ("Thousands Will Get Increase."):
 * a line on its own, centred in the measure with room on both sides, of
 * several words nearly all capitalised. Size cannot tell it from the body.
 */
function isRunInHead(g: Glyphs, line: Line, m: Measure, text: string): boolean {
  const cw = charWidth(g, line);
  const left = line.x0 - m.left;
  const right = m.right - line.x1;
  if (left < 2 * cw || right < 2 * cw || Math.abs(left - right) > 3 * cw) return false;
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 2 || !/\p{Script=Latin}/u.test(text)) return false;
  const capitals = words.filter((w) => /^\P{L}*\p{Lu}/u.test(w)).length;
  // Short function words ("to", "of", "on") may stay lower case.
  return capitals >= words.length - Math.floor(words.length / 3);
}

/** Lines, blocks and reading order derived from the PDF's text alone. */
function pdfLayout(page: RawPage, g: Glyphs, segs: readonly Segment[], pictures: readonly Rect[]): PageLayout {
  // Column gutters on old scans are as narrow as word spaces: only their length gives them away.
  const found = findRivers(segs);
  const stream = streamLinks(page, g, segs);
  // Word boxes reaching across a gutter hide it from the rivers: cut them back, then look again.
  const rivers = clipAtGutters(segs, found, stream) ? findRivers(segs) : found;
  const lines = mergeJustifiedFragments(buildLines(g, segs, rivers, stream), rivers, stream);
  // A body line the OCR boxed too tall leaves its paragraph by size; the room the column gives it brings it back.
  const blocks = fillSlots(mergeInterleaved(buildBlocks(lines, g)));
  // Pictures take part in the reading order as obstacles (a photo set into a
  // column keeps the column whole), then drop out of it.
  const order = readingOrder([...blocks, ...pictures.map((r) => ({ x0: r[0], top: r[1], x1: r[2], bottom: r[3] }))]).filter((i) => i < blocks.length);
  return { lines, blocks, order };
}

export interface CleanOptions {
  /**
   * The OCR engine's layout of this page (ALTO beside the scan): its blocks,
   * lines and reading order replace the ones derived from the PDF, unless it
   * accounts for too little of the page's text (core/layout/alto-layout.ts).
   */
  alto?: AltoPage | null;
}

export function cleanPdfPage(page: RawPage, opts: CleanOptions = {}): CleanedPage {
  const g = buildGlyphs(page);
  const over = findOverprints(page, g);
  const segs = buildSegments(g, over.removed);
  const pictures = captionableImages(page.images, page.width, page.height);
  const fromAlto = opts.alto ? altoLayout(g, segs, opts.alto) : null;
  const { lines, blocks, order } = fromAlto ?? pdfLayout(page, g, segs, pictures);
  const body = medianSize(lines);
  // Classification and paragraph splitting both read line texts: build each once.
  const texts = new Map<Line, string>();
  const lineText = (l: Line) => {
    let t = texts.get(l);
    if (t === undefined) texts.set(l, (t = lineTextOf(page, g, l)));
    return t;
  };

  const inputs = order.map((bi) => {
    const block = blocks[bi];
    return {
      text: block.lines.map(lineText).join(' '),
      rect: [block.x0, block.top, block.x1, block.bottom] as Rect,
      size: lineSize(block.lines),
      lineCount: block.lines.length,
    };
  });
  // Captions are settled before paragraphs are built: a body line taken for a caption would split its paragraph.
  const found = findPagePhotos(page, inputs, classifyBlocks(inputs, body, pictures), body);
  const kinds = found.kinds;
  const interruptions = [...pictures, ...found.rects];

  const paras: Para[] = [];
  /** Paragraph index of each block in reading order (its first paragraph). */
  const paraOf: number[] = [];
  order.forEach((bi, k) => {
    const block = blocks[bi];
    const kind = kinds[k];
    const groups = kind === 'paragraph' ? splitParagraphs(g, block, lineText) : [block.lines];
    const m = groups.length > 1 ? measureOf(block) : null;
    groups.forEach((lines, j) => {
      const own = m && lines.length === 1 && isRunInHead(g, lines[0], m, lineText(lines[0])) ? 'subhead' : kind;
      const para: Para = { kind: own, parts: [{ block, lines }], first: j === 0, last: j === groups.length - 1 };
      // Drawn pictures and the photos found in a scan's raster both interrupt a column.
      const prev = continued(g, paras, para, interruptions, lineText);
      if (prev) {
        prev.parts.push(...para.parts);
        prev.last = para.last;
      } else paras.push(para);
      if (j === 0) paraOf[k] = prev ? paras.indexOf(prev) : paras.length - 1;
    });
  });

  const ctx = makeJoinContext(page, g, over.removed);
  const out: Block[] = paras.map((p, k) => {
    const { text, map } = joinLines(
      ctx,
      p.parts.flatMap((part) => part.lines),
      { lineBreaks: p.kind === 'headline' || p.kind === 'subhead' },
    );
    return { id: `p${page.number}b${k}`, kind: p.kind, text, rects: p.parts.map((part) => unionRect(part.lines)), map };
  });

  const edits: Edit[] = [...over.edits, ...rangesToEdits(g, ctx.hyphens, 'hyphenation'), ...whitespaceEdits(g, over.removed, ctx.used)];
  edits.sort((a, b) => a.item - b.item || a.start - b.start);
  const photos: Photo[] = found.rects.map((rect, k) => ({
    id: `p${page.number}i${k}`,
    rect: rect.map((v) => Math.round(v * 100) / 100) as Rect,
    caption: found.captions[k] >= 0 ? out[paraOf[found.captions[k]]].id : null,
    // Links need every page of the document: see core/photos/link-photos.ts.
    links: [],
  }));
  return { blocks: out, edits, photos, layout: fromAlto ? 'alto' : 'pdf' };
}

/**
 * Raw whitespace that no block kept. Next to CJK it was justification (CJK
 * has no word spaces); elsewhere it was surplus or line-end whitespace.
 */
function whitespaceEdits(g: Glyphs, removed: Uint8Array, used: Uint8Array): Edit[] {
  const justification = new Uint8Array(g.count);
  const plain = new Uint8Array(g.count);
  // Nearest visible kept glyph on each side, in stream order.
  const prevCjk = new Uint8Array(g.count);
  let last = 0;
  for (let i = 0; i < g.count; i++) {
    prevCjk[i] = last;
    if (!removed[i] && !g.space[i]) last = g.cjk[i];
  }
  let next = 0;
  for (let i = g.count - 1; i >= 0; i--) {
    if (!removed[i] && !g.space[i]) {
      next = g.cjk[i];
      continue;
    }
    if (removed[i] || used[i]) continue;
    if (prevCjk[i] || next) justification[i] = 1;
    else plain[i] = 1;
  }
  return [...rangesToEdits(g, justification, 'justification-space'), ...rangesToEdits(g, plain, 'whitespace')];
}
