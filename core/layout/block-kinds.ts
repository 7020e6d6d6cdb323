/**
 * Block kinds from size relative to body text, image adjacency and a few
 * textual cues. Body size is the character-weighted median, so a page of
 * mostly body text is not skewed by its headlines.
 */
import type { BlockKind, RawImage, Rect } from '../page-model.ts';
import type { Line } from './lines.ts';
import { BYLINE, BYLINE_MARK, endsSentence } from '../cleaning/script.ts';

export const HEADLINE_RATIO = 1.5;
export const SUBHEAD_RATIO = 1.15;

/** Character-weighted median of line sizes. */
export function medianSize(lines: readonly Line[]): number {
  const sorted = [...lines].filter((l) => l.chars > 0).sort((a, b) => a.size - b.size);
  let total = 0;
  for (const l of sorted) total += l.chars;
  let acc = 0;
  for (const l of sorted) {
    acc += l.chars;
    if (acc * 2 >= total) return l.size;
  }
  return 0;
}

/**
 * Images that can carry captions: a scan's full-page background image and
 * specks (rules, ornaments) do not.
 */
export function captionableImages(images: readonly RawImage[], width: number, height: number): Rect[] {
  const area = width * height;
  return images
    .map((im) => im.rect)
    .filter((r) => {
      const w = r[2] - r[0];
      const h = r[3] - r[1];
      return w > 20 && h > 20 && w * h < 0.5 * area;
    });
}


function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.min(a1, b1) - Math.max(a0, b0);
}

/** Directly above, below or beside an image, within `reach` points. */
export function touchesImage(r: Rect, images: readonly Rect[], reach: number): boolean {
  for (const im of images) {
    const hOverlap = overlap(r[0], r[2], im[0], im[2]);
    const vOverlap = overlap(r[1], r[3], im[1], im[3]);
    const below = r[1] - im[3];
    const above = im[1] - r[3];
    if (hOverlap >= 0.5 * Math.min(r[2] - r[0], im[2] - im[0]) && ((below > -reach && below <= reach) || (above > -reach && above <= reach)))
      return true;
    const right = r[0] - im[2];
    const left = im[0] - r[2];
    if (vOverlap >= 0.5 * Math.min(r[3] - r[1], im[3] - im[1]) && ((right > -reach && right <= reach) || (left > -reach && left <= reach)))
      return true;
    // Captions printed over the bottom of the photo itself.
    if (r[0] >= im[0] - 1 && r[2] <= im[2] + 1 && r[1] >= im[1] - 1 && r[3] <= im[3] + 1) return true;
  }
  return false;
}

export interface KindInput {
  text: string;
  rect: Rect;
  size: number;
  lineCount: number;
}

/** A mid-size block this long that ends a sentence is a lead (intro paragraph), not a subhead. */
const LEAD_MIN_CHARS = 50;

function isProse(b: KindInput, visible: string): boolean {
  return endsSentence(b.text) && (visible.length > LEAD_MIN_CHARS || b.lineCount >= 3);
}

export function classifyBlock(b: KindInput, bodySize: number, images: readonly Rect[]): BlockKind {
  const ratio = bodySize > 0 ? b.size / bodySize : 1;
  const visible = b.text.replace(/\s+/g, '');
  if (visible.length <= 40 && (BYLINE_MARK.test(b.text) || BYLINE.test(b.text))) return 'byline';
  if (ratio < HEADLINE_RATIO && images.length && touchesImage(b.rect, images, 1.5 * b.size)) {
    if (b.lineCount <= 4 || ratio < 0.95) return 'caption';
  }
  if (ratio >= HEADLINE_RATIO) return 'headline';
  if (ratio >= SUBHEAD_RATIO) return isProse(b, visible) ? 'paragraph' : 'subhead';
  if (visible.length < 3 || ratio < 0.75) return 'other';
  return 'paragraph';
}

/** Text smaller than body by this ratio, in a few lines, beside an empty area, is a caption. */
const CAPTION_MAX_RATIO = 0.92;
const CAPTION_MAX_LINES = 3;
/** An empty stretch this many body sizes tall next to small text is where a picture is (scans show none). */
const PICTURE_HOLE = 4;
/** A headline this much smaller than the headline right above or below it is its deck. */
const DECK_RATIO = 1.25;

/**
 * Kinds for all blocks of a page: each block alone (classifyBlock), then by
 * its neighbours. A large line set directly under (or over) a larger headline
 * is that headline's deck (subhead); small text beside an empty area the
 * size of a picture is a caption even when the picture is only part of a
 * scanned page image.
 */
export function classifyBlocks(blocks: readonly KindInput[], bodySize: number, images: readonly Rect[]): BlockKind[] {
  const kinds = blocks.map((b) => classifyBlock(b, bodySize, images));
  const near = makeNeighbourIndex(blocks);
  // Demote first: a fragment of a body line must not make its neighbours decks.
  blocks.forEach((b, i) => {
    if ((kinds[i] === 'headline' || kinds[i] === 'subhead') && !headingLike(blocks, kinds, near, i, bodySize)) kinds[i] = bodyKind(b);
  });
  blocks.forEach((b, i) => {
    if (kinds[i] === 'headline' && besideLargerHeadline(blocks, kinds, i)) kinds[i] = 'subhead';
    else if (kinds[i] === 'paragraph' || kinds[i] === 'other') {
      const ratio = bodySize > 0 ? b.size / bodySize : 1;
      if (ratio <= CAPTION_MAX_RATIO && b.lineCount <= CAPTION_MAX_LINES && b.text.replace(/\s+/g, '').length >= 3 && besideHole(blocks, i, PICTURE_HOLE * bodySize))
        kinds[i] = 'caption';
    }
  });
  return kinds;
}

function besideLargerHeadline(blocks: readonly KindInput[], kinds: readonly BlockKind[], i: number): boolean {
  const b = blocks[i];
  for (let j = 0; j < blocks.length; j++) {
    const h = blocks[j];
    if (j === i || kinds[j] !== 'headline' || h.size < DECK_RATIO * b.size) continue;
    if (overlap(b.rect[0], b.rect[2], h.rect[0], h.rect[2]) < 0.5 * Math.min(b.rect[2] - b.rect[0], h.rect[2] - h.rect[0])) continue;
    const gap = Math.max(b.rect[1] - h.rect[3], h.rect[1] - b.rect[3]);
    if (gap <= 1.5 * b.size) return true;
  }
  return false;
}

/** Nearest block straight above or below (covering half the width) is at least `hole` away. */
function besideHole(blocks: readonly KindInput[], i: number, hole: number): boolean {
  const r = blocks[i].rect;
  let above = Infinity;
  let below = Infinity;
  for (let j = 0; j < blocks.length; j++) {
    if (j === i) continue;
    const o = blocks[j].rect;
    if (overlap(r[0], r[2], o[0], o[2]) < 0.5 * (r[2] - r[0])) continue;
    if (o[3] <= r[1] + 1) above = Math.min(above, r[1] - o[3]);
    else if (o[1] >= r[3] - 1) below = Math.min(below, o[1] - r[3]);
  }
  return (Number.isFinite(above) && above >= hole) || (Number.isFinite(below) && below >= hole);
}

/** The kind of a demoted heading: body text, or specks and figures with hardly a letter. */
function bodyKind(b: KindInput): BlockKind {
  return b.text.replace(/\s+/g, '').length < 3 || letterCount(b.text) < 2 ? 'other' : 'paragraph';
}

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

/** Latin headings of at most this many words must show more than size to count as headings. */
const SHORT_HEADING_WORDS = 2;
/** ...they must be this much larger than body text: OCR boxes overstate single words' sizes. */
const SHORT_HEADING_RATIO = 1.3;
/** Text of another block closer than this many sizes on the same band means the block is part of a line. */
const SAME_LINE_REACH = 1.5;

/**
 * Whether a block sized like a heading reads like one. On OCR layers a word
 * whose box came out tall (a descender, a speck merged in) looks larger than
 * body text, and a word split off its line by a wide space becomes a block
 * of its own; a real heading has letters, and a short one is clearly larger
 * than body text and stands clear of smaller text on its own line.
 */
function headingLike(blocks: readonly KindInput[], kinds: readonly BlockKind[], near: NeighbourIndex, i: number, bodySize: number): boolean {
  const b = blocks[i];
  if (letterCount(b.text) < 2) return false;
  if (!/\p{Script=Latin}/u.test(b.text) || b.text.trim().split(/\s+/).length > SHORT_HEADING_WORDS) return true;
  if (bodySize > 0 && b.size < SHORT_HEADING_RATIO * bodySize) return false;
  return !near(i).some((j) => onSameLine(b, blocks[j]) && (kinds[j] === 'paragraph' || kinds[j] === 'other' || kinds[j] === 'caption'));
}

function onSameLine(b: KindInput, o: KindInput): boolean {
  const r = b.rect;
  const q = o.rect;
  const v = overlap(r[1], r[3], q[1], q[3]);
  if (v < 0.5 * Math.min(r[3] - r[1], q[3] - q[1])) return false;
  const gap = Math.max(q[0] - r[2], r[0] - q[2]);
  return gap < SAME_LINE_REACH * Math.min(b.size, o.size);
}

type NeighbourIndex = (i: number) => number[];

/** Blocks whose vertical extents meet block i's, found through a coarse row grid (pages have hundreds of blocks). */
function makeNeighbourIndex(blocks: readonly KindInput[]): NeighbourIndex {
  const ROW = 50;
  const rows = new Map<number, number[]>();
  blocks.forEach((b, i) => {
    for (let r = Math.floor(b.rect[1] / ROW); r <= Math.floor(b.rect[3] / ROW); r++) {
      const list = rows.get(r);
      if (list) list.push(i);
      else rows.set(r, [i]);
    }
  });
  return (i) => {
    const b = blocks[i];
    const out = new Set<number>();
    for (let r = Math.floor(b.rect[1] / ROW); r <= Math.floor(b.rect[3] / ROW); r++)
      for (const j of rows.get(r) ?? []) if (j !== i && overlap(b.rect[1], b.rect[3], blocks[j].rect[1], blocks[j].rect[3]) > 0) out.add(j);
    return [...out];
  };
}
