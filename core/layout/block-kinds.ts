/**
 * Block kinds from size relative to body text, image adjacency and a few
 * textual cues. Body size is the character-weighted median, so a page of
 * mostly body text is not skewed by its headlines.
 */
import type { BlockKind, RawImage, Rect } from '../page-model.ts';
import type { Line } from './lines.ts';

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

const BYLINE_RE = /^(□|■|记者|本报记者|通讯员|By |BY )/;

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

export function classifyBlock(b: KindInput, bodySize: number, images: readonly Rect[]): BlockKind {
  const ratio = bodySize > 0 ? b.size / bodySize : 1;
  const visible = b.text.replace(/\s+/g, '');
  if (visible.length <= 40 && BYLINE_RE.test(b.text)) return 'byline';
  if (ratio < HEADLINE_RATIO && images.length && touchesImage(b.rect, images, 1.5 * b.size)) {
    if (b.lineCount <= 4 || ratio < 0.95) return 'caption';
  }
  if (ratio >= HEADLINE_RATIO) return 'headline';
  if (ratio >= SUBHEAD_RATIO) return 'subhead';
  if (visible.length < 3 || ratio < 0.75) return 'other';
  return 'paragraph';
}
