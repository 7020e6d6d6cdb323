/**
 * Per-character boxes estimated from pdf.js items. pdf.js only reports a box
 * per item, so each character gets a share of the item's advance width by a
 * rough width class. The estimate is exact for monospaced CJK and approximate
 * for Latin, but two copies of the same run share the same estimate, which is
 * all overprint detection needs.
 */
import type { RawItem, RawPage, Rect } from '../page-model.ts';
import { isCjk, isNeutral, isSpace, isWide } from '../cleaning/script.ts';

/** Struct of arrays: a full newspaper page has ~100k characters. */
export interface Glyphs {
  count: number;
  item: Int32Array;
  /** Index of the first UTF-16 unit in item.str. */
  char: Int32Array;
  /** 1, or 2 for a surrogate pair. */
  len: Uint8Array;
  /** Code point of the character. */
  code: Int32Array;
  /** Position slot inside the item: two copies of a pair-doubled character share one. */
  slot: Int32Array;
  x0: Float64Array;
  x1: Float64Array;
  top: Float64Array;
  /** Baseline (box bottom), top-left origin. */
  bottom: Float64Array;
  size: Float64Array;
  /** Horizontal em (size × horizontal scale): OCR layers condense text well below its size. */
  em: Float64Array;
  space: Uint8Array;
  /** Strong CJK (script.ts isCjk). */
  cjk: Uint8Array;
  /** Neutral typographic punctuation (“ ” — …), CJK or not by its neighbours. */
  neutral: Uint8Array;
  vertical: Uint8Array;
}

const NARROW = new Set([...'il.,:;!|\'`ftjrI()[]']);
const WIDE = new Set([...'MWmw@%&']);

// Float64 so a cached class equals widthClass() exactly: a Float32 cache gave
// the first sight of a character a different width than later ones, so a
// page's glyph boxes depended on what the worker had cleaned before it.
const classCache = new Float64Array(0x10000).fill(-1);
const cjkCache = new Int8Array(0x10000).fill(-1);

/** isCjk by UTF-16 unit, memoised: called for every character of every page. */
export function isCjkCode(code: number): boolean {
  if (code >= 0x10000) return isCjk(String.fromCodePoint(code));
  let v = cjkCache[code];
  if (v < 0) v = cjkCache[code] = isCjk(String.fromCharCode(code)) ? 1 : 0;
  return v === 1;
}

const neutralCache = new Int8Array(0x10000).fill(-1);

/** isNeutral by UTF-16 unit, memoised. */
function isNeutralCode(code: number): boolean {
  let v = neutralCache[code];
  if (v < 0) v = neutralCache[code] = isNeutral(String.fromCharCode(code)) ? 1 : 0;
  return v === 1;
}

/** widthClass by UTF-16 unit, memoised. */
function widthClassCode(code: number): number {
  if (code >= 0x10000) return 1;
  let v = classCache[code];
  if (v < 0) v = classCache[code] = widthClass(String.fromCharCode(code));
  return v;
}

/** Advance in ems by width class. */
export function widthClass(ch: string): number {
  if (ch === '\u3000') return 1;
  if (isSpace(ch)) return 0.3;
  if (isWide(ch)) return 1;
  if (NARROW.has(ch)) return 0.3;
  if (WIDE.has(ch)) return 0.85;
  if (ch >= 'A' && ch <= 'Z') return 0.68;
  if (ch >= '0' && ch <= '9') return 0.55;
  return 0.5;
}

export function itemSize(it: RawItem): number {
  if (it.size > 0) return it.size;
  const h = Math.abs(it.rect[3] - it.rect[1]);
  return h > 0 ? h : Math.hypot(it.transform[2], it.transform[3]) || 1;
}

interface Unit {
  start: number;
  len: number;
  ch: string;
}

function units(str: string): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < str.length; ) {
    const c = str.charCodeAt(i);
    const len = c >= 0xd800 && c <= 0xdbff && i + 1 < str.length ? 2 : 1;
    out.push({ start: i, len, ch: str.slice(i, i + len) });
    i += len;
  }
  return out;
}

/**
 * Slots for each unit. When every character inside the item appears twice in a
 * row ("来来到到") and the item is only about half as wide as its characters
 * would need, the typesetter drew each glyph twice in place: both copies get
 * the same slot so the geometric test sees them at one position. A real
 * doubled character ("谢谢", "look") fills its full width and keeps two slots.
 */
export function assignSlots(us: readonly Unit[], width: number, em: number): { slots: number[]; weights: number[] } {
  const n = us.length;
  const singleW = us.map((u) => (u.len === 2 ? 1 : widthClassCode(u.ch.charCodeAt(0))));
  const single = { slots: us.map((_, i) => i), weights: singleW };
  if (n < 4 || !(width > 0)) return single;
  let best: { slots: number[]; weights: number[] } | null = null;
  for (const offset of [0, 1]) {
    const slots: number[] = [];
    const weights: number[] = [];
    let pairs = 0;
    let singles = 0;
    let ok = true;
    let k = 0;
    if (offset === 1) {
      slots.push(0);
      weights.push(singleW[0]);
      singles++;
      k = 1;
    }
    for (; k < n; k += 2) {
      const s = weights.length;
      if (k + 1 < n) {
        if (us[k].ch !== us[k + 1].ch || isSpace(us[k].ch)) {
          ok = false;
          break;
        }
        slots.push(s, s);
        pairs++;
      } else {
        slots.push(s);
        singles++;
      }
      weights.push(singleW[k]);
    }
    if (!ok || pairs < 2 || pairs < 2 * singles) continue;
    if (!best || weights.length < best.weights.length) best = { slots, weights };
  }
  if (!best) return single;
  const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0) * em;
  const errSingle = Math.abs(Math.log(width / sum(singleW)));
  const errDoubled = Math.abs(Math.log(width / sum(best.weights)));
  return errDoubled + 0.15 < errSingle ? best : single;
}

/** Every character from `offset` on, taken in pairs, equals its partner (a lone last one aside). */
function pairsRepeat(codes: Int32Array, n: number, offset: number): boolean {
  for (let k = offset; k + 1 < n; k += 2) if (codes[k] !== codes[k + 1]) return false;
  return true;
}

/**
 * The item's rect, or one rebuilt from the transform when the extractor could
 * not provide it (non-finite values): baseline at the origin, width from
 * nominal advances scaled by the transform's horizontal scale.
 */
function usableRect(it: RawItem, pageHeight: number, us: readonly Unit[], size: number): Rect {
  if (it.rect.every(Number.isFinite)) return it.rect;
  const [a, b, , , e, f] = it.transform;
  const hScale = Math.hypot(a, b) || size;
  let w = 0;
  for (const u of us) w += widthClass(u.ch);
  const baseline = pageHeight - f;
  return [e, baseline - size, e + w * hScale, baseline];
}

/**
 * `rect.every(Number.isFinite)`, written out: every(Number.isFinite) boxed each
 * coordinate into a heap number on the way to the builtin, for every item of a page.
 */
function finiteRect(rect: readonly number[]): boolean {
  for (let k = 0; k < rect.length; k++) if (!Number.isFinite(rect[k])) return false;
  return true;
}

/**
 * Math.hypot(a, b). An unrotated item (b = 0, nearly every one) is |a|, which
 * hypot returns exactly for it, without the builtin's call and boxed arguments.
 */
function horizontalScale(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.hypot(a, b);
}

export function buildGlyphs(page: RawPage): Glyphs {
  let cap = 0;
  // (Indexed: a for-of over a page's items made an iterator result per item before V8 optimized this.)
  for (let k = 0; k < page.items.length; k++) cap += page.items[k].str.length;
  const g: Glyphs = {
    count: 0,
    item: new Int32Array(cap),
    char: new Int32Array(cap),
    len: new Uint8Array(cap),
    code: new Int32Array(cap),
    slot: new Int32Array(cap),
    x0: new Float64Array(cap),
    x1: new Float64Array(cap),
    top: new Float64Array(cap),
    bottom: new Float64Array(cap),
    size: new Float64Array(cap),
    em: new Float64Array(cap),
    space: new Uint8Array(cap),
    cjk: new Uint8Array(cap),
    neutral: new Uint8Array(cap),
    vertical: new Uint8Array(cap),
  };
  let codes = new Int32Array(64);
  let weights = new Float64Array(64);
  // A loop, not a forEach callback: a closure made per page loses its optimized code to the next GC
  // (V8 holds it weakly once that closure is gone), so every few pages the compiler rebuilt it.
  for (let itemIndex = 0; itemIndex < page.items.length; itemIndex++) {
    const it = page.items[itemIndex];
    const str = it.str;
    if (str.length === 0) continue;
    const size = itemSize(it);
    // Code points and width classes of the item's characters, without per-character strings.
    if (codes.length < str.length) {
      codes = new Int32Array(str.length * 2);
      weights = new Float64Array(str.length * 2);
    }
    let n = 0;
    let total = 0;
    let repeat = false;
    for (let i = 0; i < str.length; n++) {
      const c = str.charCodeAt(i);
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < str.length;
      const code = pair ? (str.codePointAt(i) as number) : c;
      codes[n] = code;
      weights[n] = pair ? 1 : widthClassCode(c);
      total += weights[n];
      if (n > 0 && codes[n - 1] === code) repeat = true;
      i += pair ? 2 : 1;
    }
    // Pair-doubling (assignSlots) needs every other character to repeat the one before it: a word with one
    // double letter ("all", "see") fails that at once, and needs neither the units nor the slot search.
    const doubled = repeat && n >= 4 && (pairsRepeat(codes, n, 0) || pairsRepeat(codes, n, 1));
    const us = doubled || !finiteRect(it.rect) ? units(str) : null;
    const r = us ? usableRect(it, page.height, us, size) : it.rect;
    const rx0 = Math.min(r[0], r[2]);
    const rx1 = Math.max(r[0], r[2]);
    const ry0 = Math.min(r[1], r[3]);
    const ry1 = Math.max(r[1], r[3]);
    const vertical = it.vertical === true;
    const extent = vertical ? ry1 - ry0 : rx1 - rx0;
    // Horizontal em: OCR layers condense text with a horizontal scale well below the size.
    const hEm = vertical ? size : horizontalScale(it.transform[0], it.transform[1]) || size;
    let slots: number[] | null = null;
    let ws: ArrayLike<number> = weights;
    if (repeat && !doubled) {
      // What assignSlots answers here (one slot per character), weights read again as it read them
      // (widthClassCode), so output stays byte-identical to running it.
      total = 0;
      for (let i = 0, k = 0; i < str.length; k++) {
        const c = str.charCodeAt(i);
        const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < str.length;
        weights[k] = pair ? 1 : widthClassCode(c);
        total += weights[k];
        i += pair ? 2 : 1;
      }
    }
    if (doubled && us) {
      const assigned = assignSlots(us, extent, hEm);
      slots = assigned.slots;
      ws = assigned.weights;
      total = 0;
      for (const w of assigned.weights) total += w;
    }
    // With no usable width, fall back to nominal advances so positions still differ.
    const scale = extent > 0 && total > 0 ? extent / total : hEm;
    let acc = 0;
    let slotStart = 0;
    let lastSlot = -1;
    let unit = 0;
    for (let k = 0; k < n; k++) {
      const i = g.count++;
      const s = slots ? slots[k] : k;
      // Slots only ever repeat or advance by one, so offsets accumulate in order.
      if (s !== lastSlot) {
        slotStart = acc;
        acc += ws[s] * scale;
        lastSlot = s;
      }
      const a = slotStart;
      const b = acc;
      const code = codes[k];
      const len = code >= 0x10000 ? 2 : 1;
      g.item[i] = itemIndex;
      g.char[i] = unit;
      g.len[i] = len;
      g.code[i] = code;
      g.slot[i] = s;
      g.size[i] = size;
      g.em[i] = hEm;
      g.space[i] = len === 1 && (code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000) ? 1 : 0;
      g.cjk[i] = isCjkCode(code) ? 1 : 0;
      g.neutral[i] = len === 1 && isNeutralCode(code) ? 1 : 0;
      g.vertical[i] = vertical ? 1 : 0;
      if (vertical) {
        g.x0[i] = rx0;
        g.x1[i] = rx1 > rx0 ? rx1 : rx0 + size;
        g.top[i] = ry0 + a;
        g.bottom[i] = ry0 + b;
      } else {
        g.x0[i] = rx0 + a;
        g.x1[i] = rx0 + b;
        // The extractor's rect spans ascent to descent; space items may have no height.
        g.bottom[i] = ry1;
        g.top[i] = ry1 - ry0 > 0.2 * size ? ry0 : ry1 - size;
      }
      unit += len;
    }
  }
  return g;
}

/** The character text of glyph i. */
export function glyphText(page: RawPage, g: Glyphs, i: number): string {
  const s = page.items[g.item[i]].str;
  return g.len[i] === 1 ? s[g.char[i]] : s.slice(g.char[i], g.char[i] + g.len[i]);
}
