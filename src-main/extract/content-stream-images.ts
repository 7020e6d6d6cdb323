/**
 * Where a PDF content stream paints images, found by reading its operators
 * ourselves: no image is decoded. Pure (bytes and a resource lookup in,
 * placements in PDF user space out) so it can be tested on hand-written
 * streams; image-placements.ts feeds it from a real document.
 */

/** [a b c d e f] as in the PDF `cm` operator: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** An image painted with `m`: it fills m × unit square in default user space. */
export interface ImagePlacement {
  ctm: Matrix;
  pixelWidth?: number;
  pixelHeight?: number;
}

export type XObject =
  | { kind: 'image'; width?: number; height?: number }
  | {
      kind: 'form';
      /** Decoded content; a function so a form is only decoded when it is actually painted. */
      content: () => Uint8Array;
      matrix?: Matrix;
      /** The form's own resources; absent → the resources of whoever paints it (PDF 1.1 style). */
      resources?: Resources;
    }
  | { kind: 'other' };

export interface Resources {
  /** The XObject named `name` (already #-decoded, without the slash), or undefined. */
  xobject(name: string): XObject | undefined;
}

/** Beyond this, nested forms are ignored (pdf.js and Acrobat stop well before real files need more). */
export const MAX_FORM_DEPTH = 12;

/** Same composition pdf.js uses for `cm`: the new matrix applies first, then the current one. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

// ---- lexer ------------------------------------------------------------------

// Byte classes (plain numbers: erasable TypeScript has no enums).
const BYTE = {
  regular: 0,
  space: 1,
  delim: 2,
} as const;

const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = BYTE.space;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = BYTE.delim;

const isSpace = (b: number) => CLASS[b] === BYTE.space;
const isRegular = (b: number) => CLASS[b] === BYTE.regular;

/** An operand as the interpreter needs it: numbers and names matter, anything else is a placeholder. */
type Operand = number | boolean | { name: string } | null;

const NOTHING: Operand = null;

function hexValue(b: number): number {
  if (b >= 48 && b <= 57) return b - 48;
  if (b >= 65 && b <= 70) return b - 55;
  if (b >= 97 && b <= 102) return b - 87;
  return -1;
}

class Lexer {
  readonly bytes: Uint8Array;
  pos = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  skipSpaceAndComments(): void {
    const s = this.bytes;
    while (this.pos < s.length) {
      const b = s[this.pos];
      if (isSpace(b)) this.pos++;
      else if (b === 0x25 /* % */) {
        while (this.pos < s.length && s[this.pos] !== 10 && s[this.pos] !== 13) this.pos++;
      } else break;
    }
  }

  /** Past a literal string whose "(" is at pos: balanced parentheses, backslash escapes anything. */
  skipLiteralString(): void {
    const s = this.bytes;
    let depth = 0;
    while (this.pos < s.length) {
      const b = s[this.pos++];
      if (b === 0x5c /* \ */) this.pos++;
      else if (b === 0x28) depth++;
      else if (b === 0x29 && --depth === 0) return;
    }
  }

  skipHexString(): void {
    const end = this.bytes.indexOf(0x3e /* > */, this.pos + 1);
    this.pos = end < 0 ? this.bytes.length : end + 1;
  }

  /** A name whose "/" is at pos, #xx escapes decoded (names in resource dictionaries are compared decoded). */
  readName(): string {
    const s = this.bytes;
    this.pos++;
    let out = '';
    while (this.pos < s.length && isRegular(s[this.pos])) {
      const b = s[this.pos++];
      if (b === 0x23 /* # */ && this.pos + 1 < s.length) {
        const hi = hexValue(s[this.pos]), lo = hexValue(s[this.pos + 1]);
        if (hi >= 0 && lo >= 0) {
          out += String.fromCharCode(hi * 16 + lo);
          this.pos += 2;
          continue;
        }
      }
      out += String.fromCharCode(b);
    }
    return out;
  }

  readWord(): string {
    const s = this.bytes;
    const start = this.pos;
    while (this.pos < s.length && isRegular(s[this.pos])) this.pos++;
    const n = this.pos - start;
    // Operators are one to three bytes; skip building an array for them.
    if (n === 1) return String.fromCharCode(s[start]);
    if (n === 2) return String.fromCharCode(s[start], s[start + 1]);
    return String.fromCharCode.apply(null, s.subarray(start, this.pos) as unknown as number[]);
  }
}

/** A token: an operand, an operator keyword, or one of the structural markers. */
type Token =
  | { t: 'operand'; v: Operand }
  | { t: 'op'; v: string }
  | { t: 'open' } // [ or <<
  | { t: 'close' } // ] or >>
  | { t: 'eof' };

const EOF: Token = { t: 'eof' };
const OPEN: Token = { t: 'open' };
const CLOSE: Token = { t: 'close' };
const PLACEHOLDER: Token = { t: 'operand', v: NOTHING };

/**
 * The number spelled by the regular bytes at pos (PDF allows sign, digits and
 * one point, no exponent), advancing past them; NaN, without advancing, when
 * those bytes are not a number. Parsed from bytes because numbers are most
 * tokens of a text-heavy page and a string for each is the main cost.
 */
function readNumber(lx: Lexer): number {
  const s = lx.bytes;
  let p = lx.pos;
  let sign = 1;
  if (s[p] === 0x2d /* - */ || s[p] === 0x2b /* + */) {
    if (s[p] === 0x2d) sign = -1;
    p++;
  }
  let value = 0, digits = 0, scale = 0;
  for (; p < s.length; p++) {
    const b = s[p];
    if (b >= 0x30 && b <= 0x39) {
      value = value * 10 + (b - 0x30);
      digits++;
      if (scale) scale *= 10;
    } else if (b === 0x2e /* . */ && !scale) scale = 1;
    else break;
  }
  if (!digits || (p < s.length && isRegular(s[p]))) return NaN;
  lx.pos = p;
  return sign * (scale ? value / scale : value);
}

const NUMBER_TOKEN = { t: 'operand' as const, v: 0 as Operand };

function nextToken(lx: Lexer): Token {
  lx.skipSpaceAndComments();
  const s = lx.bytes;
  if (lx.pos >= s.length) return EOF;
  const b = s[lx.pos];
  switch (b) {
    case 0x28: // (
      lx.skipLiteralString();
      return PLACEHOLDER;
    case 0x29: // stray )
    case 0x7b: // { } only occur in PostScript functions, never as content operands
    case 0x7d:
      lx.pos++;
      return PLACEHOLDER;
    case 0x3c: // < or <<
      if (s[lx.pos + 1] === 0x3c) {
        lx.pos += 2;
        return OPEN;
      }
      lx.skipHexString();
      return PLACEHOLDER;
    case 0x3e: // > or >>
      lx.pos += s[lx.pos + 1] === 0x3e ? 2 : 1;
      return CLOSE;
    case 0x5b: // [
      lx.pos++;
      return OPEN;
    case 0x5d: // ]
      lx.pos++;
      return CLOSE;
    case 0x2f: // /
      return { t: 'operand', v: { name: lx.readName() } };
  }
  if ((b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e) {
    const n = readNumber(lx);
    if (!Number.isNaN(n)) {
      // One shared token: callers copy the value out before asking for the next.
      NUMBER_TOKEN.v = n;
      return NUMBER_TOKEN;
    }
  }
  const word = lx.readWord();
  if (word === 'true' || word === 'false') return { t: 'operand', v: word === 'true' };
  if (word === 'null') return PLACEHOLDER;
  return { t: 'op', v: word };
}

// ---- inline images -----------------------------------------------------------

const COMPONENTS: Record<string, number> = { G: 1, DeviceGray: 1, CalGray: 1, RGB: 3, DeviceRGB: 3, CalRGB: 3, CMYK: 4, DeviceCMYK: 4, I: 1, Indexed: 1 };

interface InlineImage {
  width?: number;
  height?: number;
}

/**
 * Reads an inline image from just after BI to just after EI. Its data is
 * binary: when it is unfiltered and its size is known it is skipped by length;
 * otherwise (or when that length does not land on EI) we look for "EI"
 * between whitespace, as pdf.js does in its simplest case.
 */
function readInlineImage(lx: Lexer): InlineImage {
  const dict = new Map<string, Operand>();
  let key: string | null = null;
  let depth = 0;
  const setValue = (v: Operand) => {
    if (key !== null) dict.set(key, v);
    key = null;
  };
  for (;;) {
    const tok = nextToken(lx);
    if (tok.t === 'eof') return {};
    if (tok.t === 'op') {
      if (depth > 0) continue;
      if (tok.v === 'ID') break;
      // EI before any ID: a broken image without data; resume with the operators after it.
      if (tok.v === 'EI') return {};
      setValue(NOTHING);
      continue;
    }
    if (tok.t === 'open') {
      depth++;
      continue;
    }
    if (tok.t === 'close') {
      if (depth > 0 && --depth === 0) setValue(NOTHING);
      continue;
    }
    if (depth > 0) continue;
    if (key === null) {
      if (tok.v !== null && typeof tok.v === 'object') key = tok.v.name;
    } else setValue(tok.v);
  }
  const num = (...keys: string[]): number | undefined => {
    for (const k of keys) {
      const v = dict.get(k);
      if (typeof v === 'number') return v;
    }
    return undefined;
  };
  const nameOf = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = dict.get(k);
      if (v !== null && typeof v === 'object') return v.name;
    }
    return undefined;
  };
  const width = num('W', 'Width');
  const height = num('H', 'Height');
  // A single whitespace byte separates ID from the data.
  const s = lx.bytes;
  if (lx.pos < s.length && isSpace(s[lx.pos])) lx.pos++;
  const dataStart = lx.pos;

  let length = num('L', 'Length');
  const filtered = dict.has('F') || dict.has('Filter');
  if (length === undefined && !filtered && width && height) {
    const imageMask = dict.get('IM') === true || dict.get('ImageMask') === true;
    const cs = nameOf('CS', 'ColorSpace');
    const bpc = imageMask ? 1 : (num('BPC', 'BitsPerComponent') ?? 8);
    // A colour space named in /Resources, or given as an array, has a size we do not know here: search instead.
    const comps = imageMask ? 1 : cs ? COMPONENTS[cs] : undefined;
    if (comps) length = Math.ceil((width * comps * bpc) / 8) * height;
  }
  if (length !== undefined && length >= 0 && Number.isFinite(length)) {
    let p = dataStart + length;
    while (p < s.length && isSpace(s[p])) p++;
    if (s[p] === 0x45 && s[p + 1] === 0x49 && (p + 2 >= s.length || !isRegular(s[p + 2]))) {
      lx.pos = p + 2;
      return { width, height };
    }
  }
  lx.pos = findEI(s, dataStart);
  return { width, height };
}

/** Position just after the first "EI" preceded by whitespace and followed by whitespace or the end; the end if none. */
export function findEI(s: Uint8Array, from: number): number {
  for (let p = s.indexOf(0x45, from); p >= 0; p = s.indexOf(0x45, p + 1)) {
    if (s[p + 1] !== 0x49) continue;
    // At `from` the byte before is the separator after ID, so empty data is found too.
    if (p > 0 && !isSpace(s[p - 1])) continue;
    if (p + 2 < s.length && !isSpace(s[p + 2])) continue;
    return p + 2;
  }
  return s.length;
}

// ---- interpreter -------------------------------------------------------------

function lastNumbers(stack: Operand[], n: number): number[] | null {
  if (stack.length < n) return null;
  const out = stack.slice(stack.length - n);
  return out.every((v) => typeof v === 'number' && Number.isFinite(v)) ? (out as number[]) : null;
}

interface Context {
  out: ImagePlacement[];
  /** Forms being interpreted right now: painting one of them again would never end. */
  active: Set<XObject>;
}

function interpret(bytes: Uint8Array, resources: Resources | undefined, start: Matrix, depth: number, cx: Context): void {
  const lx = new Lexer(bytes);
  const operands: Operand[] = [];
  const saved: Matrix[] = [];
  let ctm = start;
  let nesting = 0; // inside [ ] or << >>: keywords there are values, not operators
  for (;;) {
    const tok = nextToken(lx);
    if (tok.t === 'eof') break;
    if (tok.t === 'open') {
      nesting++;
      continue;
    }
    if (tok.t === 'close') {
      if (nesting > 0 && --nesting === 0) operands.push(NOTHING);
      continue;
    }
    if (nesting > 0) continue;
    if (tok.t === 'operand') {
      operands.push(tok.v);
      // Garbage without operators must not grow the stack without bound.
      if (operands.length > 64) operands.splice(0, operands.length - 64);
      continue;
    }
    switch (tok.v) {
      case 'q':
        saved.push(ctm);
        break;
      case 'Q':
        // An unbalanced Q is ignored, as pdf.js does.
        ctm = saved.pop() ?? ctm;
        break;
      case 'cm': {
        const m = lastNumbers(operands, 6);
        if (m) ctm = multiply(ctm, m as Matrix);
        break;
      }
      case 'Do': {
        const top = operands[operands.length - 1];
        if (top && typeof top === 'object') paintXObject(top.name, resources, ctm, depth, cx);
        break;
      }
      case 'BI': {
        const img = readInlineImage(lx);
        if (img.width && img.height) cx.out.push(placement(ctm, img.width, img.height));
        break;
      }
    }
    operands.length = 0;
  }
}

function placement(ctm: Matrix, pixelWidth: number | undefined, pixelHeight: number | undefined): ImagePlacement {
  const p: ImagePlacement = { ctm };
  if (pixelWidth) p.pixelWidth = pixelWidth;
  if (pixelHeight) p.pixelHeight = pixelHeight;
  return p;
}

function paintXObject(name: string, resources: Resources | undefined, ctm: Matrix, depth: number, cx: Context): void {
  let xo: XObject | undefined;
  try {
    xo = resources?.xobject(name);
  } catch {
    return;
  }
  if (!xo) return;
  if (xo.kind === 'image') {
    // pdf.js skips images without both dimensions, so they are never drawn.
    if (xo.width && xo.height) cx.out.push(placement(ctm, xo.width, xo.height));
  } else if (xo.kind === 'form') {
    if (depth >= MAX_FORM_DEPTH || cx.active.has(xo)) return;
    let content: Uint8Array;
    try {
      content = xo.content();
    } catch {
      return;
    }
    cx.active.add(xo);
    try {
      interpret(content, xo.resources ?? resources, xo.matrix ? multiply(ctm, xo.matrix) : ctm, depth + 1, cx);
    } finally {
      cx.active.delete(xo);
    }
  }
}

/**
 * Every image the content stream paints, in painting order, each with the CTM
 * in force (user space; multiply by the page's viewport transform for page
 * coordinates). Never throws on malformed content: what cannot be read is
 * skipped.
 */
export function findImagePlacements(content: Uint8Array, resources?: Resources, ctm: Matrix = IDENTITY): ImagePlacement[] {
  const cx: Context = { out: [], active: new Set() };
  try {
    interpret(content, resources, ctm, 0, cx);
  } catch {
    // A bug or a pathological stream: keep what was found so far rather than lose the page.
  }
  return cx.out;
}
