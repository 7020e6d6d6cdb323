/**
 * Geometric de-duplication of "fake bold": newspaper typesetting systems draw
 * each run (or each glyph) twice, a fraction of a point apart. A character is
 * an overprint when an earlier character in stream order with the same text
 * sits at (nearly) the same position. Font name, render mode and size are
 * deliberately ignored: the two passes often differ in all three. A doubled
 * character in the text itself ("谢谢") is one advance apart, so it survives.
 */
import type { Edit, RawPage } from '../page-model.ts';
import { glyphText, type Glyphs } from '../layout/glyphs.ts';

/** Largest offset between copies, as a fraction of font size (observed: 0.3 pt at 9–12 pt). */
export const OVERPRINT_TOLERANCE = 0.25;

export interface OverprintResult {
  /** 1 for each glyph that is a second copy. */
  removed: Uint8Array;
  edits: Edit[];
}

export function findOverprints(page: RawPage, g: Glyphs): OverprintResult {
  const removed = new Uint8Array(g.count);
  let cell = 1;
  for (let i = 0; i < g.count; i++) cell = Math.max(cell, g.size[i] * OVERPRINT_TOLERANCE);
  // Keyed by text and cell, so buckets only hold same-character candidates.
  const grid = new Map<string, number[]>();
  const key = (ch: string, cx: number, cy: number) => `${ch}\u0000${cx}\u0000${cy}`;
  for (let i = 0; i < g.count; i++) {
    const ch = glyphText(page, g, i);
    const x = g.x0[i];
    const y = g.bottom[i];
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    let dup = false;
    for (let dx = -1; dx <= 1 && !dup; dx++) {
      for (let dy = -1; dy <= 1 && !dup; dy++) {
        const bucket = grid.get(key(ch, cx + dx, cy + dy));
        if (!bucket) continue;
        for (const j of bucket) {
          const tol = Math.min(g.size[j], g.size[i]) * OVERPRINT_TOLERANCE;
          if (Math.abs(g.x0[j] - x) > tol || Math.abs(g.bottom[j] - y) > tol) continue;
          // Inside one item characters are laid out one after another, so only
          // a shared slot (pair-doubled item) makes two of them coincide.
          if (g.item[j] === g.item[i] && g.slot[j] !== g.slot[i]) continue;
          dup = true;
          break;
        }
      }
    }
    if (dup) {
      removed[i] = 1;
      continue;
    }
    const k = key(ch, cx, cy);
    const bucket = grid.get(k);
    if (bucket) bucket.push(i);
    else grid.set(k, [i]);
  }
  return { removed, edits: rangesToEdits(g, removed, 'overprint') };
}

/** Merge flagged glyphs into one Edit per contiguous range within an item. */
export function rangesToEdits(g: Glyphs, flagged: Uint8Array, reason: Edit['reason']): Edit[] {
  const edits: Edit[] = [];
  let open: Edit | null = null;
  for (let i = 0; i < g.count; i++) {
    if (!flagged[i]) {
      open = null;
      continue;
    }
    const item = g.item[i];
    const start = g.char[i];
    const end = start + g.len[i];
    if (open && open.item === item && open.end === start) open.end = end;
    else {
      open = { reason, item, start, end };
      edits.push(open);
    }
  }
  return edits;
}
