import { correctBlocks } from '../corrections/correct-block.ts';
import type { Block, BlockKind, CharSource, CleanedPage, Edit, EditReason, LayoutSource, PageModel, Photo, RawImage, RawItem, Rect } from '../page-model.ts';
import { decodeCharMap, encodeCharMap, type ItemLength } from './char-map-codec.ts';
import { IntReader, IntWriter, signedLength } from './varint-text.ts';

/**
 * What the reader needs of a page, and the compact form it travels in.
 *
 * The stored page model is built for provenance: every raw item keeps its
 * font, size and transform, every cleaned character its [item, char] pair,
 * as JSON (1.46 MB raw + 415 KB cleaned for a dense 1918 scan). The reader
 * draws the page with pdf.js and needs only each item's text, box and line
 * end, the blocks, their offset maps, the edits and the photos. This module
 * packs those (item boxes and edits as delta-coded varints, offset maps
 * run-length coded, see char-map-codec.ts) into a `PageViewWire`, which the
 * library stores once per page and the back end passes through untouched;
 * `decodePageView` is the one place it is unpacked.
 */

/** An item as the reader uses it: its text, its box on the page and its line end. */
export type ViewItem = Pick<RawItem, 'str' | 'rect' | 'eol' | 'vertical'>;

export interface PageView extends CleanedPage {
  number: number;
  width: number;
  height: number;
  items: ViewItem[];
  images: RawImage[];
  illustrations?: Rect[];
}

/** Version of the wire layout; a stored wire of another version is rebuilt from the page model. */
export const PAGE_VIEW_WIRE_VERSION = 5;

/** The page's stored, unchanging part: everything but photos (relinking rewrites them) and corrections. */
export interface PageViewWire {
  v: typeof PAGE_VIEW_WIRE_VERSION;
  number: number;
  width: number;
  height: number;
  images: RawImage[];
  illustrations?: Rect[];
  /** Where the blocks and reading order came from (absent: the PDF or text, as on pages stored before it was recorded). */
  layout?: LayoutSource;
  items: {
    /** Every item's text, one after the other. */
    text: string;
    /** Per item: UTF-16 length × 4 + 1 if a line ends after it + 2 if its box is implied (not sent). */
    lens: string;
    /** Indices of vertical items (CJK set top to bottom), each as the gap from the one before; '' for none. */
    vertical: string;
    /**
     * Per item, in thousandths of a point: x0 − previous x1, y0 − previous y0,
     * width, height − previous height (varints). The extractor rounds boxes to
     * thousandths, so this is exact; a box that is not falls back to plain numbers.
     */
    rects: string | number[];
    /** Grid step of the coded boxes, in thousandths of a point (see quantize). */
    quantum: number;
  };
  /**
   * A block's text is sent only when its map does not rebuild it; otherwise
   * `inserted` holds the characters cleaning inserted ([-1, -1] in the map), in order.
   */
  blocks: WireBlocks;
  /** Per edit: reason index, item − previous edit's item, start, end − start (varints). */
  edits: string;
}

/**
 * The blocks in columns (hundreds a page: a few strings, not hundreds of
 * small objects, whose quotes JSON would escape again inside the reply).
 */
export interface WireBlocks {
  /** Block ids, or null when every one is the usual "p<page>b<index>". */
  ids: string[] | null;
  /** Per block, its kind's index in KINDS (varints). */
  kinds: string;
  /** Per block, its rect count and rects in hundredths of a point (varints: x0, y0, width, height); plain numbers if one is not whole hundredths. */
  rects: string | Rect[][];
  /** Every Block.map run-length coded (char-map-codec.ts), one after the other; `mapLens` gives each one's length (varints). */
  maps: string;
  mapLens: string;
  /**
   * A block's text is rebuilt from its map: mapped characters from the items,
   * the characters cleaning inserted from `inserted` (all blocks', one after
   * the other). `insertedLens` per block: its inserted length + 1, or 0 when
   * the map does not rebuild its text and the text is the next of `texts`.
   */
  inserted: string;
  insertedLens: string;
  texts: string[];
}

/** A page as `document.pageView` answers: the stored wire (JSON text, passed through), photos and corrections. */
export interface PageViewReply {
  /** JSON of a PageViewWire, exactly as stored. */
  wire: string;
  /** The page's photos with the archivist's link choices applied. */
  photos: Photo[];
  /** Latest correction of each corrected block: [block id, text]. */
  corrections: Array<[blockId: string, text: string]>;
  /** Whether a downscaled preview of the page image exists ('ready'), may be made ('pending') or cannot be ('none'). */
  preview: 'ready' | 'pending' | 'none';
}

const REASONS: readonly EditReason[] = ['overprint', 'justification-space', 'hyphenation', 'whitespace'];
const MILLI = 1000;

/** The value in thousandths, or null when it is not exactly a whole number of thousandths. */
function milli(v: number): number | null {
  const m = Math.round(v * MILLI);
  return Number.isSafeInteger(m) && m / MILLI === v ? m : null;
}

const KINDS: readonly BlockKind[] = ['headline', 'subhead', 'paragraph', 'caption', 'byline', 'other'];
const CENTI = 100;

function encodeBlockRects(blocks: readonly { rects: readonly Rect[] }[]): string | Rect[][] {
  const w = new IntWriter();
  for (const { rects } of blocks) {
    w.pushUnsigned(rects.length);
    for (const r of rects) {
      const c = r.map((v) => Math.round(v * CENTI));
      if (c.some((v, i) => !Number.isSafeInteger(v) || v / CENTI !== r[i])) return blocks.map((x) => x.rects.map((y) => [...y] as Rect));
      w.push(c[0]);
      w.push(c[1]);
      w.push(c[2] - c[0]);
      w.push(c[3] - c[1]);
    }
  }
  return w.toString();
}

function decodeBlockRects(rects: string | Rect[][], count: number): Rect[][] {
  if (typeof rects !== 'string') return rects;
  const r = new IntReader(rects);
  const out: Rect[][] = [];
  for (let b = 0; b < count; b++) {
    const n = r.nextUnsigned();
    const mine: Rect[] = [];
    for (let i = 0; i < n; i++) {
      const x0 = r.next();
      const y0 = r.next();
      mine.push([x0 / CENTI, y0 / CENTI, (x0 + r.next()) / CENTI, (y0 + r.next()) / CENTI]);
    }
    out.push(mine);
  }
  return out;
}

/**
 * Whether item i's box is what its neighbours imply: an OCR layer's space
 * between two words spans from the end of the word before to the start of the
 * word after, on the line of the word before. Such boxes are not sent.
 */
function implied(items: readonly { rect: Rect }[], i: number): boolean {
  if (i === 0 || i === items.length - 1) return false;
  // Indexed reads, not destructuring: a worker runs this on its first pages before the JIT has optimized it,
  // and unoptimized array destructuring walks an iterator (16,000 items a scan page).
  const rect = items[i].rect;
  const before = items[i - 1].rect;
  const after = items[i + 1].rect;
  const x0 = rect[0], x1 = rect[2];
  return x0 === before[2] && rect[1] === before[1] && rect[3] === before[3] && x1 === after[0] && x1 > x0;
}

/**
 * A delta in units of `q` thousandths when it is a multiple of q (even code),
 * else in thousandths (odd code). Scanned pages' OCR boxes are mostly whole
 * multiples of one grid step (0.08 pt on the Library of Congress pages), so
 * most deltas shrink by that factor and the rest cost one bit more.
 */
const quantize = (d: number, q: number) => (d % q === 0 ? (d / q) * 2 : d * 2 + 1);
const unquantize = (t: number, q: number) => (t % 2 === 0 ? (t / 2) * q : (t - 1) / 2);

/** Grid steps tried for a page's boxes (thousandths of a point); the one giving the shortest text wins. milliRectsLengths counts for exactly these. */
export const QUANTA: readonly number[] = [1, 10, 40, 80, 120, 240];

/**
 * Magnitude up to which a box coordinate in thousandths is kept in an
 * Int32Array: the counting below then runs on integers (a remainder of two
 * doubles is a call into the C library, and it ran 24 times a box). Beyond
 * it (no real page: 2^30 thousandths is 1,000 km) the same code runs on doubles.
 */
const INT_MILLI = 2 ** 30;

/** Boxes of the items `sent` marks, delta-coded in thousandths of a point; null when one is not exact in thousandths. */
function encodeRects(items: readonly RawItem[], sent: readonly boolean[]): { q: number; text: string } | null {
  let count = 0;
  for (let i = 0; i < items.length; i++) if (sent[i]) count++;
  let milli4: Int32Array | Float64Array = new Int32Array(4 * count);
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    if (!sent[i]) continue;
    const rect = items[i].rect;
    const x0 = milli(rect[0]), y0 = milli(rect[1]), x1 = milli(rect[2]), y1 = milli(rect[3]);
    if (x0 === null || y0 === null || x1 === null || y1 === null) return null;
    if (milli4 instanceof Int32Array && !(Math.abs(x0) <= INT_MILLI && Math.abs(y0) <= INT_MILLI && Math.abs(x1) <= INT_MILLI && Math.abs(y1) <= INT_MILLI)) {
      milli4 = new Float64Array(milli4);
    }
    milli4[k++] = x0;
    milli4[k++] = y0;
    milli4[k++] = x1;
    milli4[k++] = y1;
  }
  // The first grid step giving the shortest text wins: counted, then written once (writing all six was most of the encoding).
  const lengths = milliRectsLengths(milli4);
  let best = QUANTA[0];
  let bestLength = Infinity;
  for (let j = 0; j < QUANTA.length; j++) {
    if (lengths[j] < bestLength) {
      best = QUANTA[j];
      bestLength = lengths[j];
    }
  }
  return { q: best, text: encodeMilliRects(milli4, best) };
}

/**
 * encodeMilliRects(m, q).length for each q of QUANTA, without writing them:
 * one pass over the boxes for all. The divisibility tests nest (10 divides
 * 40, 40 divides 80 and 120, 240 is both), so most values take one or two
 * remainders, not five; the sums stay in locals (in a Float64Array, or with
 * a call a value, this took four times as long).
 */
export function milliRectsLengths(m: Int32Array | Float64Array): number[] {
  let l1 = 0, l10 = 0, l40 = 0, l80 = 0, l120 = 0, l240 = 0;
  let px1 = 0;
  let py0 = 0;
  let ph = 0;
  for (let k = 0; k < m.length; k += 4) {
    const x0 = m[k], y0 = m[k + 1], x1 = m[k + 2], h = m[k + 3] - y0;
    for (let v = 0; v < 4; v++) {
      const d = v === 0 ? x0 - px1 : v === 1 ? y0 - py0 : v === 2 ? x1 - x0 : h - ph;
      l1 += signedLength(d * 2); // quantize(d, 1)
      if (d % 10 !== 0) {
        const odd = signedLength(d * 2 + 1);
        l10 += odd;
        l40 += odd;
        l80 += odd;
        l120 += odd;
        l240 += odd;
        continue;
      }
      l10 += signedLength((d / 10) * 2);
      if (d % 40 !== 0) {
        const odd = signedLength(d * 2 + 1);
        l40 += odd;
        l80 += odd;
        l120 += odd;
        l240 += odd;
        continue;
      }
      l40 += signedLength((d / 40) * 2);
      const by80 = d % 80 === 0, by120 = d % 120 === 0;
      const odd = by80 && by120 ? 0 : signedLength(d * 2 + 1);
      l80 += by80 ? signedLength((d / 80) * 2) : odd;
      l120 += by120 ? signedLength((d / 120) * 2) : odd;
      l240 += by80 && by120 ? signedLength((d / 240) * 2) : odd;
    }
    px1 = x1;
    py0 = y0;
    ph = h;
  }
  return [l1, l10, l40, l80, l120, l240];
}

/** Boxes (x0, y0, x1, y1 in thousandths, four numbers a box) delta-coded on grid step q. */
export function encodeMilliRects(m: Int32Array | Float64Array, q: number): string {
  const w = new IntWriter();
  let px1 = 0;
  let py0 = 0;
  let ph = 0;
  for (let k = 0; k < m.length; k += 4) {
    const x0 = m[k], y0 = m[k + 1], x1 = m[k + 2], h = m[k + 3] - y0;
    w.push(quantize(x0 - px1, q));
    w.push(quantize(y0 - py0, q));
    w.push(quantize(x1 - x0, q));
    w.push(quantize(h - ph, q));
    px1 = x1;
    py0 = y0;
    ph = h;
  }
  return w.toString();
}

function decodeRects(rects: string | number[], q: number, sent: readonly boolean[]): Rect[] {
  const count = sent.length;
  const out: Rect[] = new Array(count);
  if (typeof rects !== 'string') {
    for (let i = 0; i < count; i++) out[i] = [rects[4 * i], rects[4 * i + 1], rects[4 * i + 2], rects[4 * i + 3]];
    return out;
  }
  const r = new IntReader(rects);
  let px1 = 0;
  let py0 = 0;
  let ph = 0;
  for (let i = 0; i < count; i++) {
    if (!sent[i]) continue;
    const x0 = px1 + unquantize(r.next(), q);
    const y0 = py0 + unquantize(r.next(), q);
    const x1 = x0 + unquantize(r.next(), q);
    const h = ph + unquantize(r.next(), q);
    out[i] = [x0 / MILLI, y0 / MILLI, x1 / MILLI, (y0 + h) / MILLI];
    px1 = x1;
    py0 = y0;
    ph = h;
  }
  // Implied boxes sit between two sent ones (never first or last, never two in a row).
  for (let i = 0; i < count; i++) {
    if (sent[i]) continue;
    const before = out[i - 1];
    const after = out[i + 1];
    if (!before || !after) throw new Error('page view: an implied item box has no neighbours');
    out[i] = [before[2], before[1], after[0], before[3]];
  }
  return out;
}

function encodeEdits(edits: readonly Edit[]): string {
  const w = new IntWriter();
  let prev = 0;
  for (const e of edits) {
    w.push(REASONS.indexOf(e.reason));
    w.push(e.item - prev);
    w.push(e.start);
    w.push(e.end - e.start);
    prev = e.item;
  }
  return w.toString();
}

function decodeEdits(text: string): Edit[] {
  const r = new IntReader(text);
  const out: Edit[] = [];
  let prev = 0;
  while (!r.done) {
    const reason = REASONS[r.next()];
    if (!reason) throw new Error('page view: unknown edit reason');
    const item = prev + r.next();
    const start = r.next();
    out.push({ reason, item, start, end: start + r.next() });
    prev = item;
  }
  return out;
}

const lengthOf =
  (items: ReadonlyArray<{ str: string }>): ItemLength =>
  (i) =>
    i >= 0 && i < items.length ? items[i].str.length : -1;

/** Which items' boxes are sent: all but those their neighbours imply (never two implied in a row). */
function sentRects(items: readonly RawItem[]): boolean[] {
  const sent = new Array<boolean>(items.length);
  for (let i = 0; i < items.length; i++) sent[i] = !(i > 0 && sent[i - 1] && implied(items, i));
  return sent;
}

/** The block's text rebuilt from its map: mapped characters from the items, inserted ones from `inserted`; null if that is not the text. */
function textFromMap(b: Pick<Block, 'text' | 'map'>, items: ReadonlyArray<{ str: string }>): string | null {
  if (b.map.length !== b.text.length) return null;
  let inserted = '';
  for (let k = 0; k < b.map.length; k++) {
    const source = b.map[k];
    const item = source[0], char = source[1];
    if (item === -1 && char === -1) inserted += b.text[k];
    else if (items[item]?.str[char] !== b.text[k]) return null;
  }
  return inserted;
}

/** Packs the page's unchanging part (photos travel beside it: relinking rewrites them). */
export function encodePageView(model: PageModel): PageViewWire {
  let sent = sentRects(model.items);
  const coded = encodeRects(model.items, sent);
  let rects: string | number[];
  if (coded) rects = coded.text;
  else {
    sent = sent.map(() => true);
    rects = model.items.flatMap((it) => it.rect);
  }
  const lens = new IntWriter();
  const vertical = new IntWriter();
  let lastVertical = -1;
  const strs = new Array<string>(model.items.length);
  // Loops over the page, not forEach callbacks: a closure made per page loses its optimized code once it is
  // gone (V8 holds it weakly), so the compiler rebuilt these every few pages.
  for (let i = 0; i < model.items.length; i++) {
    const it = model.items[i];
    strs[i] = it.str;
    lens.pushUnsigned(it.str.length * 4 + (it.eol ? 1 : 0) + (sent[i] ? 0 : 2));
    if (it.vertical) {
      vertical.pushUnsigned(i - lastVertical - 1);
      lastVertical = i;
    }
  }
  return {
    v: PAGE_VIEW_WIRE_VERSION,
    number: model.number,
    width: model.width,
    height: model.height,
    images: model.images ?? [],
    ...(model.illustrations ? { illustrations: model.illustrations } : {}),
    ...(model.layout ? { layout: model.layout } : {}),
    items: { text: strs.join(''), lens: lens.toString(), vertical: vertical.toString(), rects, quantum: coded?.q ?? 1 },
    blocks: encodeBlocks(model.blocks, model.number, model.items),
    edits: encodeEdits(model.edits),
  };
}

function decodeItems(wire: PageViewWire['items']): ViewItem[] {
  const lens = new IntReader(wire.lens);
  const heads: number[] = [];
  while (!lens.done) heads.push(lens.nextUnsigned());
  const rects = decodeRects(
    wire.rects,
    wire.quantum,
    heads.map((h) => (h & 2) === 0),
  );
  const vertical = new Set<number>();
  const gaps = new IntReader(wire.vertical);
  for (let at = -1; !gaps.done; ) vertical.add((at = at + 1 + gaps.nextUnsigned()));
  const items: ViewItem[] = new Array(heads.length);
  let at = 0;
  for (let i = 0; i < heads.length; i++) {
    const h = heads[i];
    const len = Math.floor(h / 4);
    const item: ViewItem = { str: wire.text.slice(at, at + len), rect: rects[i], eol: (h & 1) === 1 };
    if (vertical.has(i)) item.vertical = true;
    items[i] = item;
    at += len;
  }
  if (at !== wire.text.length) throw new Error('page view: item lengths do not add up to the item text');
  return items;
}

function encodeBlocks(blocks: readonly Block[], page: number, items: readonly RawItem[]): WireBlocks {
  const itemLength = lengthOf(items);
  const kinds = new IntWriter();
  const mapLens = new IntWriter();
  const insertedLens = new IntWriter();
  const maps: string[] = [];
  const inserted: string[] = [];
  const texts: string[] = [];
  for (const b of blocks) {
    kinds.pushUnsigned(KINDS.indexOf(b.kind));
    const map = encodeCharMap(b.map, itemLength);
    maps.push(map);
    mapLens.pushUnsigned(map.length);
    const ins = textFromMap(b, items);
    if (ins === null) {
      insertedLens.pushUnsigned(0);
      texts.push(b.text);
    } else {
      insertedLens.pushUnsigned(ins.length + 1);
      inserted.push(ins);
    }
  }
  return {
    ids: blocks.every((b, i) => b.id === `p${page}b${i}`) ? null : blocks.map((b) => b.id),
    kinds: kinds.toString(),
    rects: encodeBlockRects(blocks),
    maps: maps.join(''),
    mapLens: mapLens.toString(),
    inserted: inserted.join(''),
    insertedLens: insertedLens.toString(),
    texts,
  };
}

function decodeBlocks(wire: WireBlocks, page: number, items: readonly ViewItem[]): Block[] {
  const itemLength = lengthOf(items);
  const kinds = new IntReader(wire.kinds);
  const mapLens = new IntReader(wire.mapLens);
  const insertedLens = new IntReader(wire.insertedLens);
  const count: number[] = [];
  while (!kinds.done) count.push(kinds.nextUnsigned());
  const rects = decodeBlockRects(wire.rects, count.length);
  const out: Block[] = [];
  let mapAt = 0;
  let insAt = 0;
  let textAt = 0;
  for (let i = 0; i < count.length; i++) {
    const kind = KINDS[count[i]];
    if (!kind) throw new Error(`page view: unknown block kind ${count[i]}`);
    const mapLen = mapLens.nextUnsigned();
    const map = decodeCharMap(wire.maps.slice(mapAt, (mapAt += mapLen)), itemLength);
    const insLen = insertedLens.nextUnsigned();
    let text: string;
    if (insLen === 0) {
      text = wire.texts[textAt++];
      if (text === undefined) throw new Error('page view: a block text is missing');
    } else text = textOf(map, wire.inserted.slice(insAt, (insAt += insLen - 1)), items, i);
    out.push({ id: wire.ids ? wire.ids[i] : `p${page}b${i}`, kind, text, rects: rects[i] ?? [], map });
  }
  return out;
}

function textOf(map: readonly CharSource[], inserted: string, items: readonly ViewItem[], block: number): string {
  const out: string[] = new Array(map.length);
  let k = 0;
  for (let c = 0; c < map.length; c++) {
    const [item, char] = map[c];
    if (item === -1 && char === -1) out[c] = inserted[k++] ?? '';
    else out[c] = items[item]?.str[char] ?? '';
  }
  if (k !== inserted.length) throw new Error(`page view: block ${block} has inserted characters left over`);
  return out.join('');
}

/** Unpacks a stored wire; photos and corrections (the parts that change) are applied on top. */
export function decodePageView(wire: PageViewWire, extra: { photos?: Photo[]; corrections?: ReadonlyArray<readonly [string, string]> } = {}): PageView {
  if (wire.v !== PAGE_VIEW_WIRE_VERSION) throw new Error(`page view: unknown wire version ${String(wire.v)}`);
  const items = decodeItems(wire.items);
  const stored = decodeBlocks(wire.blocks, wire.number, items);
  const latest = new Map(extra.corrections ?? []);
  return {
    number: wire.number,
    width: wire.width,
    height: wire.height,
    items,
    images: wire.images,
    ...(wire.illustrations ? { illustrations: wire.illustrations } : {}),
    ...(wire.layout ? { layout: wire.layout } : {}),
    blocks: latest.size ? correctBlocks(stored, latest) : stored,
    edits: decodeEdits(wire.edits),
    photos: extra.photos ?? [],
  };
}

/** Decodes what `document.pageView` answered. */
export function decodePageViewReply(reply: PageViewReply): PageView {
  return decodePageView(JSON.parse(reply.wire) as PageViewWire, reply);
}
