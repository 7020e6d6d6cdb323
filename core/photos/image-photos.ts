/**
 * Photos from the image placements a born-digital page draws. A photo may be
 * drawn as several tiles (strips of one picture, placed edge to edge); rules,
 * ornaments and logos are images too, and a scanned page is one raster the
 * size of the page, which is the page and not a photo on it.
 */
import type { RawImage, Rect } from '../page-model.ts';

/** An image covering this share of the page is the page itself (a scan's raster). */
export const PAGE_RASTER_SHARE = 0.5;
/** Tiles whose edges are this close (points) may be one picture. */
const TILE_GAP = 1.5;
/** A union of tiles is one picture when the tiles cover this share of it. */
const TILE_COVER = 0.97;
/** Smaller than this share of the page, or thinner than this many points: an ornament, logo or rule. */
const MIN_PAGE_SHARE = 0.006;
const MIN_SIDE = 30;
/** Longer than this many times its width: a rule or a border, not a picture. */
const MAX_ASPECT = 6;

function area(r: Rect): number {
  return Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]);
}

function union(a: Rect, b: Rect): Rect {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

function intersection(a: Rect, b: Rect): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Rect, b: Rect): number {
  const i = intersection(a, b);
  return i === 0 ? 0 : i / (area(a) + area(b) - i);
}

function touching(a: Rect, b: Rect): boolean {
  return a[0] <= b[2] + TILE_GAP && b[0] <= a[2] + TILE_GAP && a[1] <= b[3] + TILE_GAP && b[1] <= a[3] + TILE_GAP;
}

/** Whether the page is a scan: one image covers most of it. */
export function isScannedPage(images: readonly RawImage[], width: number, height: number): boolean {
  return images.some((im) => area(im.rect) >= PAGE_RASTER_SHARE * width * height);
}

/**
 * Picture rectangles (top-left page points) from the page's image placements:
 * tiles merged, the page raster, rules, ornaments and logos left out. Sorted
 * top to bottom, then left to right.
 */
export function photoRectsFromImages(images: readonly RawImage[], width: number, height: number): Rect[] {
  const pageArea = width * height;
  // Each group is a union of tiles with the summed area of its tiles (tiles do not overlap much).
  let groups = images
    .map((im) => im.rect)
    .filter((r) => area(r) > 0 && area(r) < PAGE_RASTER_SHARE * pageArea)
    .map((r) => ({ rect: r, covered: area(r) }));
  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i];
        const b = groups[j];
        if (!touching(a.rect, b.rect)) continue;
        const u = union(a.rect, b.rect);
        const covered = a.covered + b.covered - intersection(a.rect, b.rect);
        // Two pictures side by side leave the rest of their bounding box empty; tiles fill it.
        if (covered < TILE_COVER * area(u)) continue;
        groups[i] = { rect: u, covered };
        groups.splice(j, 1);
        merged = true;
        break outer;
      }
  }
  // A picture drawn twice (or a frame behind it) is one picture.
  groups = groups.filter((g, i) => !groups.some((o, j) => j !== i && area(o.rect) > area(g.rect) && intersection(o.rect, g.rect) >= 0.9 * area(g.rect)));
  return groups
    .map((g) => g.rect)
    .filter((r) => {
      const w = r[2] - r[0];
      const h = r[3] - r[1];
      return w >= MIN_SIDE && h >= MIN_SIDE && w * h >= MIN_PAGE_SHARE * pageArea && Math.max(w, h) <= MAX_ASPECT * Math.min(w, h);
    })
    .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}
