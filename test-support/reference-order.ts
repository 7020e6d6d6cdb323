/**
 * Scoring a reading order against a reference layout (e.g. an OCR engine's
 * ALTO TextBlocks, listed in its reading order): each cleaned block is matched
 * to the reference block whose words it covers most, and the sequence of
 * matched reference indices is checked for steps that go backwards.
 * Plain data in and out, so tests and benches can share it.
 */
import type { Rect } from '../core/page-model.ts';

/** A reference word box and the index (in reference reading order) of the block it belongs to. */
export interface ReferenceWord {
  rect: Rect;
  block: number;
}

export interface BlockMatch {
  /** Reference block index, or -1 when the block covers no reference word. */
  block: number;
  /** Share of the covered word area that lies in that reference block (1 = pure). */
  purity: number;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  if (w <= 0) return 0;
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return h > 0 ? w * h : 0;
}

/** Grid cell size in points: a few text lines, so each query touches few cells. */
const CELL = 48;

/**
 * The reference block each cleaned block (given by its rects) covers most,
 * by word-box area inside the block's rects. Word boxes rather than the
 * reference blocks' own boxes: those may overlap each other or be garbled.
 */
export function matchReference(blocks: readonly (readonly Rect[])[], words: readonly ReferenceWord[]): BlockMatch[] {
  const grid = new Map<number, number[]>();
  const key = (cx: number, cy: number) => cx * 100_003 + cy;
  words.forEach((w, i) => {
    for (let cx = Math.floor(w.rect[0] / CELL); cx <= Math.floor(w.rect[2] / CELL); cx++)
      for (let cy = Math.floor(w.rect[1] / CELL); cy <= Math.floor(w.rect[3] / CELL); cy++) {
        const k = key(cx, cy);
        const list = grid.get(k);
        if (list) list.push(i);
        else grid.set(k, [i]);
      }
  });
  const seen = new Int32Array(words.length).fill(-1);
  return blocks.map((rects, bi) => {
    const area = new Map<number, number>();
    for (const r of rects)
      for (let cx = Math.floor(r[0] / CELL); cx <= Math.floor(r[2] / CELL); cx++)
        for (let cy = Math.floor(r[1] / CELL); cy <= Math.floor(r[3] / CELL); cy++)
          for (const i of grid.get(key(cx, cy)) ?? []) {
            // Once per word per block, even when it spans several cells or rects.
            if (seen[i] === bi) continue;
            seen[i] = bi;
            let a = 0;
            for (const rr of rects) a += overlap(rr, words[i].rect);
            if (a > 0) area.set(words[i].block, (area.get(words[i].block) ?? 0) + a);
          }
    let best = -1;
    let bestArea = 0;
    let total = 0;
    for (const [b, a] of area) {
      total += a;
      if (a > bestArea || (a === bestArea && b < best)) {
        best = b;
        bestArea = a;
      }
    }
    return { block: best, purity: total > 0 ? bestArea / total : 0 };
  });
}

export interface OrderScore {
  /** Consecutive matched pairs whose reference index decreases. */
  backwardSteps: number;
  /** Consecutive matched pairs. */
  steps: number;
  /** Pairs (any distance) with different reference indices read in the opposite order. */
  discordant: number;
  /** Pairs (any distance) with different reference indices. */
  comparable: number;
}

/** Scores a sequence of reference indices in reading order; -1 entries (unmatched) are skipped. */
export function scoreOrder(sequence: readonly number[]): OrderScore {
  const seq = sequence.filter((b) => b >= 0);
  let backwardSteps = 0;
  for (let k = 1; k < seq.length; k++) if (seq[k] < seq[k - 1]) backwardSteps++;
  // Pair counts by a Fenwick tree over reference indices: O(n log m), not O(n²).
  const m = seq.reduce((a, b) => Math.max(a, b), -1) + 1;
  const tree = new Float64Array(m + 1);
  const countAbove = (b: number) => {
    // Entries seen so far with index > b.
    let le = 0;
    for (let i = b + 1; i > 0; i -= i & -i) le += tree[i];
    return seenSoFar - le;
  };
  let seenSoFar = 0;
  let discordant = 0;
  const perIndex = new Float64Array(m);
  for (const b of seq) {
    discordant += countAbove(b);
    for (let i = b + 1; i <= m; i += i & -i) tree[i]++;
    perIndex[b]++;
    seenSoFar++;
  }
  let same = 0;
  for (const c of perIndex) same += (c * (c - 1)) / 2;
  const comparable = (seq.length * (seq.length - 1)) / 2 - same;
  return { backwardSteps, steps: Math.max(0, seq.length - 1), discordant, comparable };
}
