import type { RawItem, RawPage } from '../../core/page-model.ts';

/**
 * The raw layer's items as one compact BLOB (pages.raw_items, migration 11),
 * beside the rest of the raw page as small JSON (pages.raw, with `"items":null`
 * where the items were, so the decoded page keeps its key order).
 *
 * A scanned page holds ~15,000 items: as JSON they were 1.5–2.5 MB a page,
 * 10–20 ms of JSON.stringify and UTF-8 encoding in the extraction worker,
 * as much again to parse back on every read, and SQLite reads all of that
 * text to pick the page's size or images out of it (first_page_scan at import,
 * photo links, previews). Here the items are columns: the strings as one UTF-8
 * text with their lengths, fonts pooled, flags in a byte, and each number
 * column as scaled integers where every value of it is a short decimal (OCR
 * coordinates are: 68.64, 1989.84), else float64. Decoding gives back exactly
 * what JSON gave: the same numbers (a scaled column is kept only where
 * `round(v × 10^k) / 10^k === v` for every value), the same key order and
 * optional `vertical`. Items that do not fit the shape (a lone surrogate in a
 * string, a number JSON would write as null, an unexpected key) are kept as
 * their JSON text in the same BLOB, so nothing is ever lost.
 *
 * Layout (little-endian): "BSRI", version byte, kind byte (1 columns, 2 JSON),
 * 2 pad bytes; kind 2: the items' JSON as UTF-8. Kind 1: u32 length of a JSON
 * header ({count, fonts, fontBytes, lenBytes, columns, textBytes}), the header,
 * padding to 8, then font indices, string lengths, flags, the number columns
 * (each padded to 8) and the UTF-8 text.
 */

const MAGIC = [0x42, 0x53, 0x52, 0x49]; // "BSRI"
const VERSION = 1;
const KIND_COLUMNS = 1;
const KIND_JSON = 2;
/** size, transform[0..5], rect[0..3]. */
const NUMBERS = 11;
const ITEM_KEYS = ['str', 'font', 'size', 'transform', 'rect', 'eol'];

/** How one number column is stored: one value for all, scaled integers (value = (int + base) / 10^scale), or float64. */
type Column = { c: number } | { i: 8 | 16 | 32; scale: number; base: number } | { f: 64 };

interface Header {
  count: number;
  fonts: string[];
  fontBytes: 1 | 2 | 4;
  lenBytes: 1 | 2 | 4;
  columns: Column[];
  textBytes: number;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });
const pad8 = (n: number) => (n + 7) & ~7;

/** A raw page as stored: the page without its items (JSON text, or its UTF-8 bytes), and the items' BLOB. */
export interface StoredRaw {
  json: string | Uint8Array;
  items: Uint8Array;
}

/** The stored form of a raw page given either way: whole as JSON (tests, older callers) or already split (an extraction worker's). */
export function storedRawOf(raw: string | Uint8Array | StoredRaw): StoredRaw {
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) return raw;
  const page = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw)) as RawPage;
  return splitRawPage(page);
}

export function splitRawPage(raw: RawPage): StoredRaw {
  return { json: JSON.stringify({ ...raw, items: null }), items: encodeRawItems(raw.items) };
}

/** A stored page's items (only those asked for, in a sparse array), whichever way the page was stored. */
export function storedRawItems(json: string, items: Uint8Array | null, where: string, only: ReadonlySet<number>): RawItem[] {
  if (items) return decodeRawItems(items, where, only);
  const whole = joinRawPage(json, null, where).items ?? [];
  const some: RawItem[] = [];
  for (const k of only) if (k in whole) some[k] = whole[k];
  return some;
}

/** The page back from its stored halves; `where` names it in the error a damaged BLOB gives. */
export function joinRawPage(json: string, items: Uint8Array | null, where: string): RawPage {
  const page = JSON.parse(json) as RawPage;
  if (page.items !== null) return page; // stored whole, as before migration 11 (an addPageJson caller's own JSON)
  if (!items) throw new Error(`${where}: its raw items are missing`);
  page.items = decodeRawItems(items, where);
  return page;
}

const ITEM_KEYS_VERTICAL = [...ITEM_KEYS, 'vertical'];

/** The item has exactly the keys a RawItem has, in its order, with their types (for…in: no array of keys made per item). */
function itemFits(it: RawItem): boolean {
  let n = 0;
  for (const key in it) {
    if (key !== ITEM_KEYS_VERTICAL[n++]) return false;
  }
  if (n !== 6 && !(n === 7 && it.vertical === true)) return false;
  if (typeof it.str !== 'string' || !it.str.isWellFormed() || typeof it.font !== 'string' || typeof it.eol !== 'boolean') return false;
  if (!Array.isArray(it.transform) || it.transform.length !== 6 || !Array.isArray(it.rect) || it.rect.length !== 4) return false;
  return true;
}

/** A column's form (null for a constant, whose one value is in `column`), decided before the BLOB is laid out. */
interface ColumnForm {
  column: Column;
  /** Bytes the column takes in the BLOB. */
  byteLength: number;
  /**
   * How it is written, read by the layout loop in place of `'i' in column`: 0 a constant, 1/2/4 integers of
   * that many bytes, 8 float64. (Every form has these three fields, so the loop sees one shape, where the
   * three shapes of `column` made V8 deoptimize the whole encoder from page to page.)
   */
  bytes: 0 | 1 | 2 | 4 | 8;
}

/**
 * The smallest exact form of a number column: one value for all, scaled
 * integers where round(v × 10^k) / 10^k === v for every value (written into
 * `ints`, offsets from the base), else float64. Null when a value is not
 * finite (JSON writes null). Every loop here reads and writes one array type
 * (a loop over Uint8, Uint16 and Int32 arrays in turn was deoptimized from
 * page to page); the narrow copy is made natively when the BLOB is written.
 */
function columnForm(values: Float64Array, count: number, ints: Int32Array): ColumnForm | null {
  let min = Infinity, max = -Infinity;
  for (let k = 0; k < count; k++) {
    const v = values[k];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== v || v === Infinity || v === -Infinity) return null;
  }
  if (count === 0 || min === max) return { column: { c: count ? values[0] + 0 : 0 }, byteLength: 0, bytes: 0 }; // + 0: JSON writes -0 as 0
  scales: for (let scale = 0; scale <= 6; scale++) {
    const s = 10 ** scale;
    if (Math.abs(min * s) > 2 ** 29 || Math.abs(max * s) > 2 ** 29) break;
    const base = Math.round(min * s);
    for (let k = 0; k < count; k++) {
      const v = values[k];
      const m = Math.round(v * s);
      if (m / s !== v) continue scales;
      ints[k] = m - base;
    }
    const span = Math.round(max * s) - base;
    const i = span < 256 ? 8 : span < 65536 ? 16 : 32;
    return { column: { i, scale, base }, byteLength: (i / 8) * count, bytes: (i / 8) as 1 | 2 | 4 };
  }
  return { column: { f: 64 }, byteLength: 8 * count, bytes: 8 };
}

/**
 * Column buffers an encoding works in, kept for the next page (a scan page
 * needs ~1.2 MB of them: allocated afresh, they were garbage on every page,
 * and typed arrays that size live outside the heap, which V8 collects for).
 * Pages beyond KEEP_SCRATCH_ITEMS items get their own, dropped after.
 */
interface Scratch {
  cap: number;
  /** NUMBERS columns, `cap` values each. */
  values: Float64Array;
  ints: Int32Array;
  fontOf: Uint32Array;
  lens: Uint32Array;
  flags: Uint8Array;
}
const KEEP_SCRATCH_ITEMS = 1 << 16;
let kept: Scratch | null = null;

function scratchFor(count: number): Scratch {
  if (kept && kept.cap >= count) return kept;
  const cap = Math.max(count, 1024);
  const s: Scratch = {
    cap,
    values: new Float64Array(NUMBERS * cap),
    ints: new Int32Array(NUMBERS * cap),
    fontOf: new Uint32Array(cap),
    lens: new Uint32Array(cap),
    flags: new Uint8Array(cap),
  };
  if (cap <= KEEP_SCRATCH_ITEMS) kept = s;
  return s;
}

export function encodeRawItems(items: readonly RawItem[]): Uint8Array {
  const count = items.length;
  const scratch = scratchFor(count);
  const { cap, values, ints, fontOf, lens, flags } = scratch;
  const fontIds = new Map<string, number>();
  const fonts: string[] = [];
  const strs: string[] = new Array<string>(count);
  let fits = true;
  let numbers = true;
  let maxLen = 0;
  const c0 = 0, c1 = cap, c2 = 2 * cap, c3 = 3 * cap, c4 = 4 * cap, c5 = 5 * cap, c6 = 6 * cap, c7 = 7 * cap, c8 = 8 * cap, c9 = 9 * cap, c10 = 10 * cap;
  for (let k = 0; k < count; k++) {
    const it = items[k];
    if (!itemFits(it)) {
      fits = false;
      break;
    }
    let f = fontIds.get(it.font);
    if (f === undefined) fontIds.set(it.font, (f = fonts.push(it.font) - 1));
    fontOf[k] = f;
    const str = it.str;
    strs[k] = str;
    lens[k] = str.length;
    if (str.length > maxLen) maxLen = str.length;
    flags[k] = (it.eol ? 1 : 0) | (it.vertical ? 2 : 0);
    const t = it.transform, r = it.rect, size = it.size;
    const t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4], t5 = t[5], r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3];
    // A typed array would take null as 0 and "5" as 5: only numbers go in (JSON keeps the others as they are).
    numbers =
      numbers && typeof size === 'number' && typeof t0 === 'number' && typeof t1 === 'number' && typeof t2 === 'number' && typeof t3 === 'number' &&
      typeof t4 === 'number' && typeof t5 === 'number' && typeof r0 === 'number' && typeof r1 === 'number' && typeof r2 === 'number' && typeof r3 === 'number';
    values[c0 + k] = size;
    values[c1 + k] = t0;
    values[c2 + k] = t1;
    values[c3 + k] = t2;
    values[c4 + k] = t3;
    values[c5 + k] = t4;
    values[c6 + k] = t5;
    values[c7 + k] = r0;
    values[c8 + k] = r1;
    values[c9 + k] = r2;
    values[c10 + k] = r3;
  }
  const forms: Array<ColumnForm | null> = [];
  if (fits && numbers) {
    for (let j = 0; j < NUMBERS; j++) {
      const form = columnForm(values.subarray(j * cap, j * cap + count), count, ints.subarray(j * cap, j * cap + count));
      forms.push(form);
      if (!form) break;
    }
  }
  if (!fits || !numbers || forms.includes(null)) return withPrefix(KIND_JSON, utf8.encode(JSON.stringify(items)));
  // Loops and a module function below, not callbacks made per page: V8 drops optimized code that inlined a
  // closure once the closure is collected, and an array made by map() had one map in optimized code and
  // another in the builtin, so this encoder was deoptimized and rebuilt every few pages.
  const columns: Column[] = [];
  for (const e of forms) columns.push(e!.column);

  const text = utf8.encode(strs.join(''));
  const header: Header = { count, fonts, fontBytes: bytesFor(fonts.length), lenBytes: bytesFor(maxLen), columns, textBytes: text.length };
  const headerBytes = utf8.encode(JSON.stringify(header));
  let size = pad8(12 + headerBytes.length);
  const fontAt = size;
  size = pad8(size + header.fontBytes * count);
  const lenAt = size;
  size = pad8(size + header.lenBytes * count);
  const flagAt = size;
  size = pad8(size + count);
  const colAt: number[] = [];
  for (const e of forms) {
    colAt.push(size);
    size = pad8(size + e!.byteLength);
  }
  const textAt = size;
  size += text.length;

  const out = new Uint8Array(size);
  out.set(MAGIC, 0);
  out[4] = VERSION;
  out[5] = KIND_COLUMNS;
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  setNarrow(out.buffer, fontAt, header.fontBytes, fontOf.subarray(0, count));
  setNarrow(out.buffer, lenAt, header.lenBytes, lens.subarray(0, count));
  out.set(flags.subarray(0, count), flagAt);
  for (let j = 0; j < NUMBERS; j++) {
    const bytes = forms[j]!.bytes;
    if (bytes === 1 || bytes === 2 || bytes === 4) setNarrow(out.buffer, colAt[j], bytes, ints.subarray(j * cap, j * cap + count));
    else if (bytes === 8) {
      const dst = new Float64Array(out.buffer, colAt[j], count);
      const from = j * cap;
      for (let k = 0; k < count; k++) dst[k] = values[from + k] + 0; // + 0: JSON writes -0 as 0
    }
  }
  out.set(text, textAt);
  return out;
}

function bytesFor(max: number): 1 | 2 | 4 {
  return max < 256 ? 1 : max < 65536 ? 2 : 4;
}

/**
 * `src` written at `at` as integers of `bytes` bytes. One `set` per array type: a single `set` on a view that
 * was a Uint8Array for one column and a Uint16Array for the next saw a new map mid-page and deoptimized the
 * whole encoder.
 */
function setNarrow(buffer: ArrayBufferLike, at: number, bytes: 1 | 2 | 4, src: Uint32Array | Int32Array): void {
  if (bytes === 1) new Uint8Array(buffer, at, src.length).set(src);
  else if (bytes === 2) new Uint16Array(buffer, at, src.length).set(src);
  else new Uint32Array(buffer, at, src.length).set(src);
}

function typed(buffer: ArrayBufferLike, at: number, bytes: 1 | 2 | 4, count: number): Uint8Array | Uint16Array | Uint32Array {
  return bytes === 1 ? new Uint8Array(buffer, at, count) : bytes === 2 ? new Uint16Array(buffer, at, count) : new Uint32Array(buffer, at, count);
}

function withPrefix(kind: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length);
  out.set(MAGIC, 0);
  out[4] = VERSION;
  out[5] = kind;
  out.set(body, 8);
  return out;
}

/**
 * The items back; a damaged or truncated BLOB throws one line naming `where` (the document and page) and what is wrong.
 * `only`: just these items, in a sparse array (a search hit's rectangles need a handful of a page's thousands).
 */
export function decodeRawItems(blob: Uint8Array, where: string, only?: ReadonlySet<number>): RawItem[] {
  const fail = (why: string): never => {
    throw new Error(`${where}: its stored raw items are damaged (${why})`);
  };
  if (!(blob instanceof Uint8Array)) fail('not a BLOB');
  if (blob.length < 8 || MAGIC.some((b, k) => blob[k] !== b)) fail('no BSRI header');
  if (blob[4] !== VERSION) fail(`unknown version ${blob[4]}`);
  // Typed views need aligned offsets; SQLite's BLOB may sit anywhere in its buffer.
  const bytes = blob.byteOffset % 8 === 0 ? blob : blob.slice();
  const base = bytes.byteOffset;
  try {
    if (bytes[5] === KIND_JSON) {
      const items = JSON.parse(fromUtf8.decode(bytes.subarray(8))) as unknown;
      if (!Array.isArray(items)) return fail('not a list of items');
      if (!only) return items as RawItem[];
      const some: RawItem[] = [];
      for (const k of only) if (k in items) some[k] = (items as RawItem[])[k];
      return some;
    }
    if (bytes[5] !== KIND_COLUMNS) fail(`unknown kind ${bytes[5]}`);
    if (bytes.length < 12) fail('truncated');
    const headerLen = new DataView(bytes.buffer, base, bytes.length).getUint32(8, true);
    if (12 + headerLen > bytes.length) fail('truncated header');
    const h = JSON.parse(fromUtf8.decode(bytes.subarray(12, 12 + headerLen))) as Header;
    const count = h.count;
    if (!Number.isInteger(count) || count < 0 || !Array.isArray(h.columns) || h.columns.length !== NUMBERS || !Array.isArray(h.fonts)) fail('bad header');
    let at = pad8(12 + headerLen);
    const take = (n: number) => {
      const from = at;
      if (from + n > bytes.length) fail('truncated');
      at = pad8(at + n);
      return base + from;
    };
    const fontOf = typed(bytes.buffer, take(h.fontBytes * count), h.fontBytes, count);
    const lens = typed(bytes.buffer, take(h.lenBytes * count), h.lenBytes, count);
    const flags = new Uint8Array(bytes.buffer, take(count), count);
    // Each column as float64 values first: the loop that makes the items then reads eleven arrays of one type.
    const cols = h.columns.map((c): Float64Array => {
      const values = new Float64Array(count);
      if ('c' in c) return values.fill(c.c);
      if ('f' in c) {
        values.set(new Float64Array(bytes.buffer, take(8 * count), count));
        return values;
      }
      const ints = new Int32Array(count);
      ints.set(c.i === 8 ? new Uint8Array(bytes.buffer, take(count), count) : c.i === 16 ? new Uint16Array(bytes.buffer, take(2 * count), count) : new Int32Array(bytes.buffer, take(4 * count), count));
      const s = 10 ** c.scale, b = c.base;
      for (let k = 0; k < count; k++) values[k] = (ints[k] + b) / s;
      return values;
    });
    if (at > bytes.length || bytes.length - at !== h.textBytes) fail(`text is ${bytes.length - at} bytes, header says ${h.textBytes}`);
    const text = fromUtf8.decode(bytes.subarray(at));
    const [size, t0, t1, t2, t3, t4, t5, r0, r1, r2, r3] = cols;
    const items: RawItem[] = only ? [] : new Array<RawItem>(count);
    let pos = 0;
    for (let k = 0; k < count; k++) {
      const len = lens[k];
      const font = h.fonts[fontOf[k]];
      if (font === undefined || pos + len > text.length) fail(`item ${k} points past the pooled strings`);
      if (only && !only.has(k)) {
        pos += len;
        continue;
      }
      const it: RawItem = {
        str: text.slice(pos, (pos += len)),
        font,
        size: size[k],
        transform: [t0[k], t1[k], t2[k], t3[k], t4[k], t5[k]],
        rect: [r0[k], r1[k], r2[k], r3[k]],
        eol: (flags[k] & 1) === 1,
      };
      if (flags[k] & 2) it.vertical = true;
      items[k] = it;
    }
    if (pos !== text.length) fail('strings left over');
    return items;
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(`${where}:`)) throw err;
    return fail((err as Error).message.split('\n')[0]);
  }
}
