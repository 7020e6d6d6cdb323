/**
 * Cleaning for pages with geometry (pdf.js text content): remove overprints,
 * rebuild lines, blocks and paragraphs, order them for reading and join their
 * text with provenance. Every raw character ends up either in exactly one
 * block's map or in exactly one Edit.
 */
import type { Block, BlockKind, CleanedPage, Edit, Photo, RawPage, Rect } from '../page-model.ts';
import { buildGlyphs, type Glyphs } from '../layout/glyphs.ts';
import { buildLines, buildSegments, mergeJustifiedFragments, type Line } from '../layout/lines.ts';
import { buildBlocks, type LineBlock } from '../layout/blocks.ts';
import { findRivers } from '../layout/rivers.ts';
import { readingOrder } from '../layout/reading-order.ts';
import { captionableImages, classifyBlocks, medianSize } from '../layout/block-kinds.ts';
import { charWidth, isIndented, measureOf, splitParagraphs } from '../layout/paragraphs.ts';
import { joinLines, makeJoinContext, segmentText } from '../layout/join.ts';
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

function unionRect(lines: readonly Line[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const l of lines) {
    x0 = Math.min(x0, l.x0);
    y0 = Math.min(y0, l.top);
    x1 = Math.max(x1, l.x1);
    y1 = Math.max(y1, l.bottom);
  }
  return [x0, y0, x1, y1];
}

/**
 * A paragraph that runs off the bottom of one column and on at the top of the
 * next: the column ends with a full-measure line and the next column's first
 * line is not indented.
 */
function continues(g: Glyphs, a: Para, b: Para, photos: readonly Rect[]): boolean {
  if (a.kind !== 'paragraph' || b.kind !== 'paragraph' || !a.last || !b.first) return false;
  const pa = a.parts[a.parts.length - 1];
  const pb = b.parts[0];
  if (pb.block.x0 < pa.block.x1 - 2 && !acrossPhoto(pa.block, pb.block, photos)) return false;
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

/** `b` continues the same column under a photo that interrupts it (text flowing around the picture). */
function acrossPhoto(a: LineBlock, b: LineBlock, photos: readonly Rect[]): boolean {
  if (Math.abs(a.x0 - b.x0) > 2 || Math.abs(a.x1 - b.x1) > 2 || b.top <= a.bottom) return false;
  return photos.some((p) => p[1] >= a.bottom - 2 && p[3] <= b.top + 2 && Math.min(p[2], a.x1) - Math.max(p[0], a.x0) > 0.5 * (a.x1 - a.x0));
}

/**
 * The paragraph `b` continues, if any: the last one read, or the one before a
 * caption or two (a picture with its caption often sits between the end of a
 * column and the top of the next, or between two parts of one column).
 */
function continued(g: Glyphs, paras: readonly Para[], b: Para, photos: readonly Rect[]): Para | null {
  for (let k = paras.length - 1; k >= 0 && k >= paras.length - 3; k--) {
    const a = paras[k];
    if (a.kind === 'caption') continue;
    return continues(g, a, b, photos) ? a : null;
  }
  return null;
}

export function cleanPdfPage(page: RawPage): CleanedPage {
  const g = buildGlyphs(page);
  const over = findOverprints(page, g);
  const segs = buildSegments(g, over.removed);
  // Column gutters on old scans are as narrow as word spaces: only their length gives them away.
  const rivers = findRivers(segs);
  const lines = mergeJustifiedFragments(buildLines(g, segs, rivers), rivers);
  const blocks = buildBlocks(lines);
  const order = readingOrder(blocks);
  const body = medianSize(lines);
  const images = captionableImages(page.images, page.width, page.height);
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
  const found = findPagePhotos(page, inputs, classifyBlocks(inputs, body, images), body);
  const kinds = found.kinds;

  const paras: Para[] = [];
  /** Paragraph index of each block in reading order (its first paragraph). */
  const paraOf: number[] = [];
  order.forEach((bi, k) => {
    const block = blocks[bi];
    const kind = kinds[k];
    const groups = kind === 'paragraph' ? splitParagraphs(g, block, lineText) : [block.lines];
    groups.forEach((lines, j) => {
      const para: Para = { kind, parts: [{ block, lines }], first: j === 0, last: j === groups.length - 1 };
      const prev = continued(g, paras, para, found.rects);
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
  return { blocks: out, edits, photos };
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
