/**
 * A page's photos and their captions, found while the page is cleaned (before
 * paragraphs are built, so a caption never swallows or splits body text).
 * Born-digital pages draw their photos as images; a scan is one raster, and
 * its photos are where the OCR marks illustrations (ALTO, when supplied) or
 * text-free regions bounded by a caption.
 */
import type { BlockKind, RawPage, Rect } from '../page-model.ts';
import { assignCaptions, retypeCaptions, type CaptionCandidate } from './captions.ts';
import { isScannedPage, photoRectsFromImages } from './image-photos.ts';
import { textFreePhotos } from './scan-photos.ts';

export interface PagePhotos {
  rects: Rect[];
  /** Per photo: index of its caption block among the inputs, or -1. */
  captions: number[];
  /** Block kinds with captions settled. */
  kinds: BlockKind[];
}

export function findPagePhotos(page: Pick<RawPage, 'images' | 'width' | 'height' | 'illustrations'>, blocks: readonly CaptionCandidate[], kinds: readonly BlockKind[], bodySize: number): PagePhotos {
  let rects = photoRectsFromImages(page.images, page.width, page.height);
  let hints: number[] = [];
  if (isScannedPage(page.images, page.width, page.height)) {
    // ALTO's shapes include rules and ornaments: the same filter as drawn images.
    if (page.illustrations?.length) rects.push(...photoRectsFromImages(page.illustrations.map((rect) => ({ rect })), page.width, page.height));
    else {
      const found = textFreePhotos(blocks, bodySize);
      rects.push(...found.map((f) => f.rect));
      hints = [...rects.slice(0, rects.length - found.length).map(() => -1), ...found.map((f) => f.caption)];
    }
  }
  // Reading order of photos: top to bottom, then left to right.
  const order = rects.map((_, i) => i).sort((a, b) => rects[a][1] - rects[b][1] || rects[a][0] - rects[b][0]);
  rects = order.map((i) => rects[i]);
  hints = hints.length ? order.map((i) => hints[i]) : [];
  const captions = assignCaptions(rects, blocks, kinds, bodySize, hints);
  return { rects, captions, kinds: retypeCaptions(kinds, blocks, captions) };
}
