/**
 * Geometric de-duplication of "fake bold": newspaper typesetting systems draw
 * each run (or each glyph) twice, a fraction of a point apart. A character is
 * an overprint when an earlier character in stream order with the same text
 * sits at (nearly) the same position. Font name, render mode and size are
 * deliberately ignored: the two passes often differ in all three. A doubled
 * character in the text itself ("谢谢") is one advance apart, so it survives.
 */
import type { Edit, RawPage } from '../page-model.ts';
import type { Glyphs } from '../layout/glyphs.ts';
import { median } from '../layout/median.ts';

/** Largest offset between copies, as a fraction of font size (observed: 0.3 pt at 9–12 pt). */
export const OVERPRINT_TOLERANCE = 0.25;

export interface OverprintResult {
  /** 1 for each glyph that is a second copy. */
  removed: Uint8Array;
  edits: Edit[];
}

/**
 * Spatial hash of kept glyphs keyed by (cell x, cell y, character): a lookup
 * only meets glyphs with the same text, so a page of ~50k glyphs needs a few
 * array reads per glyph. Chains live in typed arrays (no per-cell objects).
 * Neighbouring cells of a row get neighbouring slots (eight per cell, by the
 * character's low bits): glyphs come in reading order, so consecutive
 * lookups stay in cache where a scattering hash missed it every time. Any
 * key would give the same answer; chains are checked glyph by glyph.
 */
function hashKey(cx: number, cy: number, code: number, stride: number, mask: number): number {
  return ((Math.imul(cy, stride) + cx) * 8 + (code & 7)) & mask;
}

export function findOverprints(page: RawPage, g: Glyphs): OverprintResult {
  const removed = new Uint8Array(g.count);
  const codes = g.code;
  const sizes: number[] = [];
  for (let i = 0; i < g.count; i += 16) sizes.push(g.size[i]);
  // Cells two body tolerances wide: a body glyph looks at 1–4 cells, larger
  // glyphs at more.
  const cell = Math.max(1, (median(sizes) ?? 10) * 2 * OVERPRINT_TOLERANCE);
  let tableSize = 16;
  while (tableSize < 2 * g.count) tableSize <<= 1;
  const mask = tableSize - 1;
  // Cells per row of the page (a row's keys do not run into the next row's).
  const stride = Math.max(1, Math.ceil(page.width / cell) + 2);
  const head = new Int32Array(tableSize).fill(-1);
  const next = new Int32Array(g.count);
  for (let i = 0; i < g.count; i++) {
    // Whitespace is judged with its run below, never on its own position.
    if (g.space[i]) continue;
    const code = codes[i];
    const x = g.x0[i];
    const y = g.bottom[i];
    const size = g.size[i];
    const w = g.x1[i] - x;
    const reach = size * OVERPRINT_TOLERANCE;
    const cx0 = Math.floor((x - reach) / cell);
    const cx1 = Math.floor((x + reach) / cell);
    const cy0 = Math.floor((y - reach) / cell);
    const cy1 = Math.floor((y + reach) / cell);
    let dup = false;
    for (let cx = cx0; cx <= cx1 && !dup; cx++) {
      for (let cy = cy0; cy <= cy1 && !dup; cy++) {
        for (let j = head[hashKey(cx, cy, code, stride, mask)]; j >= 0; j = next[j]) {
          if (codes[j] !== code) continue;
          const sj = g.size[j];
          const small = sj < size ? sj : size;
          // Both passes are set at the same size; a big OCR word box that happens
          // to cover a small one is not a copy.
          if ((sj < size ? size : sj) > 1.25 * small) continue;
          const tol = small * OVERPRINT_TOLERANCE;
          // Horizontally the copies must overlap mostly: narrow glyphs (OCR
          // layers are often condensed) are closer together than a quarter em.
          const wj = g.x1[j] - g.x0[j];
          const tolX = Math.min(tol, 0.6 * (w > wj ? w : wj));
          if (Math.abs(g.x0[j] - x) > tolX || Math.abs(g.bottom[j] - y) > tol) continue;
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
    const k = hashKey(Math.floor(x / cell), Math.floor(y / cell), code, stride, mask);
    next[i] = head[k];
    head[k] = i;
  }
  keepIsolatedMatches(g, removed);
  removeWhitespaceOfCopies(g, removed);
  return { removed, edits: rangesToEdits(g, removed, 'overprint') };
}

/**
 * Calls `visit` once per item with its glyph range [start, end) and how many of its visible glyphs are marked removed.
 * The visitors are module functions, not closures made per page: optimized code that inlined a closure is
 * dropped once the closure is collected, so this loop was compiled again every few pages.
 */
function forEachItem(g: Glyphs, removed: Uint8Array, visit: (removed: Uint8Array, start: number, end: number, visible: number, copies: number) => void): void {
  for (let i = 0; i < g.count; ) {
    let j = i;
    let visible = 0;
    let copies = 0;
    while (j < g.count && g.item[j] === g.item[i]) {
      if (!g.space[j]) {
        visible++;
        copies += removed[j];
      }
      j++;
    }
    visit(removed, i, j, visible, copies);
    i = j;
  }
}

/**
 * A copy repeats its whole run (or, pair-doubled, every other glyph). An item
 * where fewer than half the visible glyphs coincide with earlier ones is an
 * overlapping OCR word box, not a copy: keep it whole.
 */
function keepIsolatedMatches(g: Glyphs, removed: Uint8Array): void {
  forEachItem(g, removed, keepIfIsolated);
}

function keepIfIsolated(removed: Uint8Array, start: number, end: number, visible: number, copies: number): void {
  if (copies > 0 && copies * 2 < visible) removed.fill(0, start, end);
}

/** Whitespace inside an item all of whose visible characters are copies belongs to the copy. */
function removeWhitespaceOfCopies(g: Glyphs, removed: Uint8Array): void {
  forEachItem(g, removed, removeIfAllCopies);
}

function removeIfAllCopies(removed: Uint8Array, start: number, end: number, visible: number, copies: number): void {
  if (visible > 0 && copies === visible) removed.fill(1, start, end);
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
