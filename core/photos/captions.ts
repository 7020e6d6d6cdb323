/**
 * Which block is each photo's caption. A caption is a short block right next
 * to its photo (under it, over it, beside it, or printed over its bottom),
 * within or near the photo's width, usually set smaller than body text. Body
 * text that merely runs past a photo (a column flowing around it, the rest of
 * a paragraph continuing under it) is not a caption: it is long, set at body
 * size, and continues a column of same-size lines.
 */
import type { BlockKind, Rect } from '../page-model.ts';
import { endsSentence } from '../cleaning/script.ts';

export interface CaptionCandidate {
  rect: Rect;
  size: number;
  lineCount: number;
  text: string;
}

const MAX_LINES = 4;
const MAX_CHARS = 120;
/** Gap between photo and caption, in caption sizes. */
const REACH = 2.2;
/** Body-size text is a caption only when it stands alone: no same-size line within this many sizes above or below. */
const ALONE_REACH = 1.2;

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.min(a1, b1) - Math.max(a0, b0);
}

function visible(text: string): number {
  return text.replace(/\s+/g, '').length;
}

/** How far (points) the block is from the photo on the side where a caption may sit, or NaN. */
function captionGap(photo: Rect, r: Rect, size: number): number {
  const reach = REACH * size;
  const w = photo[2] - photo[0];
  const h = photo[3] - photo[1];
  const cx = (r[0] + r[2]) / 2;
  const withinWidth = cx >= photo[0] - 0.1 * w && cx <= photo[2] + 0.1 * w && r[2] - r[0] <= 1.25 * w + 2 * size;
  if (withinWidth) {
    const below = r[1] - photo[3];
    if (below > -0.5 * size && below <= reach) return Math.max(0, below);
    const above = photo[1] - r[3];
    if (above > -0.5 * size && above <= reach) return Math.max(0, above);
    // Printed over the bottom of the photo.
    if (r[0] >= photo[0] - 1 && r[2] <= photo[2] + 1 && r[1] >= photo[1] + 0.5 * h && r[3] <= photo[3] + 1) return 0;
  }
  // Beside it, level with its bottom (a caption in the next column's foot of the picture).
  const vo = overlap(r[1], r[3], photo[1], photo[3]);
  if (vo >= 0.8 * (r[3] - r[1])) {
    const right = r[0] - photo[2];
    const left = photo[0] - r[2];
    const side = right >= -1 ? right : left >= -1 ? left : NaN;
    if (side <= reach && r[3] >= photo[3] - 0.5 * h) return Math.max(0, side) + size;
  }
  return NaN;
}

/** A same-size line right above or below, overlapping horizontally: the block is part of a column of text. */
function inColumnFlow(blocks: readonly CaptionCandidate[], i: number): boolean {
  // Loops, not some() callbacks: a closure made per call loses its optimized code once it is gone (V8 holds it
  // weakly), so these were compiled again every few pages.
  const b = blocks[i];
  for (let j = 0; j < blocks.length; j++) {
    const o = blocks[j];
    if (j === i || Math.abs(o.size - b.size) > 0.1 * b.size) continue;
    if (overlap(o.rect[0], o.rect[2], b.rect[0], b.rect[2]) < 0.5 * Math.min(o.rect[2] - o.rect[0], b.rect[2] - b.rect[0])) continue;
    const gap = Math.max(o.rect[1] - b.rect[3], b.rect[1] - o.rect[3]);
    if (gap >= -0.3 * b.size && gap <= ALONE_REACH * b.size) return true;
  }
  return false;
}

/** A photo between `upper` and `lower`, across more than half of `b`'s width. */
function photoBetween(photos: readonly Rect[], upper: CaptionCandidate, lower: CaptionCandidate, b: CaptionCandidate): boolean {
  for (let k = 0; k < photos.length; k++) {
    const p = photos[k];
    if (p[1] >= upper.rect[3] - 2 && p[3] <= lower.rect[1] + 2 && Math.min(p[2], b.rect[2]) - Math.max(p[0], b.rect[0]) > 0.5 * (b.rect[2] - b.rect[0])) return true;
  }
  return false;
}

/**
 * Body-size text whose sentence runs on across a photo set into its column:
 * the block above the photo stops mid-sentence ("… The people —") and the
 * same column, at the same size and measure, goes on below the photo
 * ("tired, hungry and cold — …"). Either block is then body text, however
 * close to the photo and alone on its side: a caption never leaves a
 * sentence open for the column to finish.
 */
function readsOnAcrossPhoto(blocks: readonly CaptionCandidate[], i: number, photos: readonly Rect[]): boolean {
  const b = blocks[i];
  for (let j = 0; j < blocks.length; j++) {
    const o = blocks[j];
    if (j === i || Math.abs(o.size - b.size) > 0.1 * b.size) continue;
    // The same column: both edges within a size of each other.
    if (Math.abs(o.rect[0] - b.rect[0]) > b.size || Math.abs(o.rect[2] - b.rect[2]) > b.size) continue;
    const below = o.rect[1] > b.rect[1];
    const upper = below ? b : o;
    const lower = below ? o : b;
    if (!photoBetween(photos, upper, lower, b) || endsSentence(upper.text)) continue;
    // Below the photo, the block must also read as the sentence's rest, not as a caption under it.
    if (upper === b || /^\P{L}*\p{Ll}/u.test(b.text)) return true;
  }
  return false;
}

/**
 * For each photo, the index of its caption block, or -1. Each block captions
 * at most one photo; the closest pairs are matched first. `hints[p]` is a
 * block that bounded photo p when it was found from the OCR layer.
 */
export function assignCaptions(photos: readonly Rect[], blocks: readonly CaptionCandidate[], kinds: readonly BlockKind[], bodySize: number, hints: readonly number[] = []): number[] {
  const pairs: Array<{ p: number; b: number; cost: number }> = [];
  blocks.forEach((b, i) => {
    const n = visible(b.text);
    if (n < 2 || b.lineCount > MAX_LINES || n > MAX_CHARS || kinds[i] === 'byline') return;
    const ratio = bodySize > 0 ? b.size / bodySize : 1;
    if (ratio >= 1.5 && kinds[i] === 'headline' && !hints.includes(i)) return;
    // Body-size text must stand alone to be a caption, so one sentence of a column is never split off.
    const smaller = ratio < 0.95;
    if (!smaller && !hints.includes(i) && (inColumnFlow(blocks, i) || readsOnAcrossPhoto(blocks, i, photos))) return;
    photos.forEach((photo, p) => {
      const gap = hints[p] === i ? 0 : captionGap(photo, b.rect, b.size);
      if (Number.isNaN(gap)) return;
      // Prefer smaller text and fewer lines at equal distance.
      pairs.push({ p, b: i, cost: gap + (smaller ? 0 : 2 * b.size) + b.lineCount });
    });
  });
  pairs.sort((a, b) => a.cost - b.cost);
  const out = photos.map(() => -1);
  const used = new Set<number>();
  for (const { p, b } of pairs) {
    if (out[p] >= 0 || used.has(b)) continue;
    out[p] = b;
    used.add(b);
  }
  return out;
}

/**
 * Kinds once captions are known: each photo's caption is a caption, and a
 * block the size-and-neighbour rules took for a caption but no photo claims
 * is body text (or a speck), so it rejoins its paragraph.
 */
export function retypeCaptions(kinds: readonly BlockKind[], blocks: readonly CaptionCandidate[], captions: readonly number[]): BlockKind[] {
  const claimed = new Set(captions.filter((c) => c >= 0));
  return kinds.map((k, i) => {
    if (claimed.has(i)) return 'caption';
    if (k !== 'caption') return k;
    return (blocks[i].text.match(/\p{L}/gu)?.length ?? 0) < 3 ? 'other' : 'paragraph';
  });
}
