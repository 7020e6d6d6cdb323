/**
 * The text items pdf.js's getTextContent would report for a page, read
 * straight from its content stream: for the simple text layers OCR software
 * puts over a scan (one standard font, not embedded, WinAnsi, invisible text;
 * the Library of Congress's "Apex PDFWriter" pages are such), pdf.js spends
 * most of an ingest's CPU building fonts and operator machinery the text
 * never needed.
 *
 * The rule is SAME ITEMS OR NOTHING. The item building below is a line-by-line
 * port of pdf.js's PartialEvaluator.getTextContent (pdfjs-dist 6.5,
 * src/core/evaluator.js: buildTextContentItem, compareWithLastPosition,
 * addFakeSpaces, flushTextContentItem, with the same floating-point operations
 * in the same order), restricted to what such a layer contains. Anything else
 * (an operator outside the list, an argument count or type pdf.js would
 * repair, a font that is not a known standard font, a character code outside
 * the table, a form XObject, an ExtGState that sets a font, an inline image)
 * makes the reader answer `{ unsupported: reason }` and the caller asks pdf.js.
 * simple-text-layer.test.ts and simple-text-reader.test.ts compare the two
 * item by item. One departure, on by default and off for that comparison
 * (TextLayerOptions.positionedWordSpaces): a word the layer places with its
 * own positioning operator is a word however tight the gap before it, where
 * pdf.js glues words closer than 0.102 em; it only ever adds spaces.
 *
 * Pure: bytes and a resource lookup in, items out; never throws.
 *
 * It runs over every word of a scan page (~5,000 words, ~11,000 items), so it
 * is written for V8: one reader object whose methods are the same functions
 * from page to page (a closure per page was compiled afresh for every page,
 * and ran unoptimized, boxing every number, until it was), operands and
 * strings in typed arrays rather than an object or string each, and the items
 * handed over in columns (TextLayerItems) rather than as pdf.js's objects.
 */

/** pdf.js's text item (TextItem in its API), as extract-pdf.ts reads it. */
export interface PdfJsTextItem {
  str: string;
  dir: 'ltr';
  width: number;
  height: number;
  transform: number[];
  fontName: string;
  hasEOL: boolean;
}

/** A font the reader can lay out exactly as pdf.js does. */
export interface SimpleFont {
  /** Identity of the font object (the same PDF object → the same pdf.js font and loaded name). */
  key: object;
  /** pdf.js's font.name: two fonts of one size with the same name continue one item. */
  name: string;
  /** Glyph width in 1/1000 em for a code, or undefined when the code is outside what the reader knows. */
  width(code: number): number | undefined;
  /** Unicode for a code (already as pdf.js maps it), or undefined when unknown. */
  unicode(code: number): string | undefined;
  /** The style pdf.js reports for the font (ascent/descent NaN for the non-embedded standard fonts). */
  style: { fontFamily: string; ascent: number; descent: number; vertical: false };
}

export interface TextLayerResources {
  /** The font named in /Font, or a reason why it is not simple. */
  font(name: string): SimpleFont | string;
  /** What `Do name` paints: only images are allowed (pdf.js would read a form's text). */
  xobject(name: string): { kind: 'image'; width?: number; height?: number } | { kind: 'other' };
  /** True when the named ExtGState sets no font (then `gs` does nothing to the text). */
  extGStateWithoutFont(name: string): boolean;
  /** pdf.js's loaded name for a font ("g_d0_f<n>"). */
  loadedName(font: SimpleFont): string;
}

/** An image the page paints, as content-stream-images.ts reports it (same CTM arithmetic, same rule: both sizes known). */
export interface LayerImage {
  ctm: [number, number, number, number, number, number];
  pixelWidth?: number;
  pixelHeight?: number;
}

export type TextLayerResult =
  | {
      items: TextLayerItems;
      styles: Record<string, SimpleFont['style']>;
      /** The images the page paints: read in the same pass, so content-stream-images.ts need not read the stream again. */
      images: LayerImage[];
    }
  | { unsupported: string };

// ---- items, in columns ------------------------------------------------------------

/**
 * The items of a page as pdf.js's TextItems would hold them, one column per
 * field: extract-pdf.ts reads them straight into raw items, so the ~11,000
 * objects and transform arrays a scan page's items would be as pdf.js's
 * TextItems are never made. `toPdfJs()` makes them, for comparing with pdf.js.
 */
export class TextLayerItems {
  count = 0;
  readonly str: string[] = [];
  readonly fontName: string[] = [];
  hasEOL: Uint8Array;
  width: Float64Array;
  height: Float64Array;
  /** Six numbers an item: pdf.js's item.transform. */
  transform: Float64Array;

  /** `expected`: items to make room for at once (they grow past it as needed). */
  constructor(expected = 256) {
    const n = Math.max(16, expected);
    this.hasEOL = new Uint8Array(n);
    this.width = new Float64Array(n);
    this.height = new Float64Array(n);
    this.transform = new Float64Array(6 * n);
  }

  /** Adds an item whose transform is t[0..5]; returns its index. */
  push(str: string, width: number, height: number, t: ArrayLike<number>, fontName: string, hasEOL: boolean): number {
    const k = this.count;
    if (k === this.width.length) this.grow();
    this.str.push(str);
    this.fontName.push(fontName);
    this.hasEOL[k] = hasEOL ? 1 : 0;
    this.width[k] = width;
    this.height[k] = height;
    const tr = this.transform, at = 6 * k;
    tr[at] = t[0];
    tr[at + 1] = t[1];
    tr[at + 2] = t[2];
    tr[at + 3] = t[3];
    tr[at + 4] = t[4];
    tr[at + 5] = t[5];
    this.count = k + 1;
    return k;
  }

  private grow(): void {
    const n = this.width.length * 2;
    const widen = <T extends Uint8Array | Float64Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.hasEOL = widen(this.hasEOL, n);
    this.width = widen(this.width, n);
    this.height = widen(this.height, n);
    this.transform = widen(this.transform, 6 * n);
  }

  /** The items as pdf.js's getTextContent gives them. */
  toPdfJs(): PdfJsTextItem[] {
    const out: PdfJsTextItem[] = [];
    for (let k = 0; k < this.count; k++) {
      out.push({
        str: this.str[k],
        dir: 'ltr',
        width: this.width[k],
        height: this.height[k],
        transform: Array.from(this.transform.subarray(6 * k, 6 * k + 6)),
        fontName: this.fontName[k],
        hasEOL: this.hasEOL[k] === 1,
      });
    }
    return out;
  }
}

// ---- lexer -------------------------------------------------------------------

type Name = { name: string };
type Operand = number | string | Name | Operand[] | boolean | null | { dict: true };

class Unsupported extends Error {}
const fail = (reason: string): never => {
  throw new Unsupported(reason);
};

const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;
const regular = (b: number) => !WHITE[b] && !DELIM[b];

const MAX_NESTING = 32;

/** What Lexer.next read: the value is in the lexer's fields (no object, no boxed number per token). */
const T_END = 0;
/** An operator: Lexer.op. */
const T_OP = 1;
/** A number: Lexer.num. */
const T_NUM = 2;
/** A string: its character codes are Lexer.codes[strFrom, strTo). */
const T_STR = 3;
/** Anything else (a name, an array, a dictionary, true, false, null): Lexer.obj. */
const T_OBJ = 4;

/** What a dictionary operand stands for (its contents are never needed; one shared, read-only object). */
const DICT: Operand = Object.freeze({ dict: true as const });

class Lexer {
  pos = 0;
  /** The last operator next() read. */
  op = '';
  /** The last number next() read. */
  num = 0;
  /** The last name, array, dictionary or keyword next() read. */
  obj: Operand = null;
  /** Character codes of the strings read since the buffer was last emptied (resetCodes); the last one is [strFrom, strTo). */
  codes = new Uint16Array(1024);
  codeLen = 0;
  strFrom = 0;
  strTo = 0;
  readonly names = new Map<number, Name>();
  readonly s: Uint8Array;
  constructor(s: Uint8Array) {
    this.s = s;
  }

  resetCodes(): void {
    this.codeLen = 0;
  }

  private code(c: number): void {
    if (this.codeLen === this.codes.length) {
      const grown = new Uint16Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.codeLen++] = c;
  }

  skip(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const b = s[this.pos];
      if (WHITE[b]) this.pos++;
      else if (b === 0x25) {
        while (this.pos < s.length && s[this.pos] !== 10 && s[this.pos] !== 13) this.pos++;
      } else break;
    }
  }

  /** Literal string whose "(" is at pos, decoded as pdf.js's Lexer.getString does, into `codes`. */
  literal(): void {
    const s = this.s;
    let p = this.pos + 1;
    let depth = 1;
    this.strFrom = this.codeLen;
    for (;;) {
      if (p >= s.length) fail('unterminated string');
      const b = s[p];
      if (b === 0x28) depth++;
      else if (b === 0x29) {
        if (--depth === 0) break;
      } else if (b === 0x5c) {
        const e = s[p + 1];
        p += 2;
        switch (e) {
          case 0x6e: this.code(10); break;
          case 0x72: this.code(13); break;
          case 0x74: this.code(9); break;
          case 0x62: this.code(8); break;
          case 0x66: this.code(12); break;
          case 0x0d:
            if (s[p] === 0x0a) p++;
            break;
          case 0x0a:
            break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let x = e & 0x0f;
              if (s[p] >= 0x30 && s[p] <= 0x37) {
                x = (x << 3) + (s[p++] & 0x0f);
                if (s[p] >= 0x30 && s[p] <= 0x37) x = (x << 3) + (s[p++] & 0x0f);
              }
              this.code(x);
            } else if (e === undefined) fail('unterminated string');
            else this.code(e);
        }
        continue;
      }
      this.code(b);
      p++;
    }
    this.strTo = this.codeLen;
    this.pos = p + 1;
  }

  hex(): void {
    const s = this.s;
    let p = this.pos + 1;
    let first = -1;
    this.strFrom = this.codeLen;
    for (;;) {
      if (p >= s.length) fail('unterminated hex string');
      const b = s[p++];
      if (b === 0x3e) break;
      if (WHITE[b]) continue;
      const d = hexDigit(b);
      if (d < 0) fail('bad hex string');
      if (first < 0) first = d;
      else {
        this.code((first << 4) | d);
        first = -1;
      }
    }
    if (first >= 0) this.code(first << 4);
    this.strTo = this.codeLen;
    this.pos = p;
  }

  /** The last string read, as a JS string (only array elements need one), and its codes given back. */
  takeString(): string {
    const str = codesToString(this.codes, this.strFrom, this.strTo);
    this.codeLen = this.strFrom;
    return str;
  }

  name(): Name {
    const s = this.s;
    let p = this.pos + 1;
    const start = p;
    while (p < s.length && regular(s[p])) {
      if (s[p] === 0x23) fail('#-escaped name');
      p++;
    }
    this.pos = p;
    // Short names (/F1 before nearly every word) are shared: read-only, one object per spelling.
    if (p - start <= 3) {
      const len = p - start;
      const key = len | (len > 0 ? s[start] << 8 : 0) | (len > 1 ? s[start + 1] << 16 : 0) | (len > 2 ? s[start + 2] << 24 : 0);
      let name = this.names.get(key);
      if (!name) this.names.set(key, (name = { name: latin1(s, start, p) }));
      return name;
    }
    return { name: latin1(s, start, p) };
  }

  /** Same arithmetic as pdf.js's Lexer.getNumber for well-formed numbers, into `num`; anything else is refused. */
  number(): void {
    const s = this.s;
    let p = this.pos;
    let sign = 1;
    if (s[p] === 0x2d) {
      sign = -1;
      p++;
    } else if (s[p] === 0x2b) p++;
    let value = 0, digits = 0, divideBy = 0;
    if (s[p] === 0x2e) {
      divideBy = 10;
      p++;
      if (!(s[p] >= 0x30 && s[p] <= 0x39)) fail('bad number');
      value = s[p++] - 0x30;
      digits = 1;
    }
    for (; p < s.length; p++) {
      const b = s[p];
      if (b >= 0x30 && b <= 0x39) {
        if (divideBy !== 0) divideBy *= 10;
        value = value * 10 + (b - 0x30);
        digits++;
      } else if (b === 0x2e) {
        if (divideBy !== 0) fail('bad number');
        divideBy = 1;
      } else break;
    }
    if (!digits || (p < s.length && regular(s[p]))) fail('bad number');
    this.pos = p;
    if (divideBy !== 0) value /= divideBy;
    this.num = sign * value;
  }

  word(): string {
    const s = this.s;
    const start = this.pos;
    while (this.pos < s.length && regular(s[this.pos])) this.pos++;
    return latin1(s, start, this.pos);
  }

  /** The next token (T_…), its value in this lexer's fields. */
  next(depth: number): number {
    this.skip();
    const s = this.s;
    if (this.pos >= s.length) return T_END;
    const b = s[this.pos];
    switch (b) {
      case 0x28:
        this.literal();
        return T_STR;
      case 0x3c:
        if (s[this.pos + 1] === 0x3c) {
          this.pos += 2;
          this.skipDict(depth + 1);
          this.obj = DICT;
          return T_OBJ;
        }
        this.hex();
        return T_STR;
      case 0x5b: {
        this.pos++;
        if (depth >= MAX_NESTING) fail('arrays nested too deep');
        const arr: Operand[] = [];
        for (;;) {
          this.skip();
          if (s[this.pos] === 0x5d) {
            this.pos++;
            this.obj = arr;
            return T_OBJ;
          }
          const t = this.next(depth + 1);
          if (t === T_END) fail('unterminated array');
          if (t === T_OP) fail('operator inside an array');
          arr.push(t === T_NUM ? this.num : t === T_STR ? this.takeString() : this.obj);
        }
      }
      case 0x2f:
        this.obj = this.name();
        return T_OBJ;
      case 0x29:
      case 0x3e:
      case 0x5d:
      case 0x7b:
      case 0x7d:
        return fail(`stray "${String.fromCharCode(b)}"`);
    }
    if ((b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e) {
      this.number();
      return T_NUM;
    }
    // Operators are one to three bytes: found by their bytes in a table of the known ones, no string made.
    const start = this.pos;
    let end = start;
    while (end < s.length && regular(s[end])) end++;
    const len = end - start;
    if (len <= 3) {
      const known = OPERATORS.get(s[start] | (len > 1 ? s[start + 1] << 8 : 0) | (len > 2 ? s[start + 2] << 16 : 0));
      if (known) {
        this.pos = end;
        this.op = known;
        return T_OP;
      }
    }
    const w = this.word();
    if (w === 'true' || w === 'false' || w === 'null') {
      this.obj = w === 'null' ? null : w === 'true';
      return T_OBJ;
    }
    this.op = w;
    return T_OP;
  }

  private skipDict(depth: number): void {
    if (depth >= MAX_NESTING) fail('dictionaries nested too deep');
    const mark = this.codeLen;
    for (;;) {
      this.skip();
      if (this.pos >= this.s.length) fail('unterminated dictionary');
      if (this.s[this.pos] === 0x3e && this.s[this.pos + 1] === 0x3e) {
        this.pos += 2;
        this.codeLen = mark;
        return;
      }
      const t = this.next(depth);
      if (t === T_END) fail('unterminated dictionary');
      if (t === T_OP) fail('operator inside a dictionary');
    }
  }
}

function latin1(s: Uint8Array, from: number, to: number): string {
  if (to - from < 64) {
    let out = '';
    for (let i = from; i < to; i++) out += String.fromCharCode(s[i]);
    return out;
  }
  return String.fromCharCode.apply(null, s.subarray(from, to) as unknown as number[]);
}

/** Characters a String.fromCharCode.apply takes at once (well under engines' argument limits). */
const CHARS_AT_ONCE = 8192;

function codesToString(codes: Uint16Array, from: number, to: number): string {
  if (to - from <= CHARS_AT_ONCE) return String.fromCharCode.apply(null, codes.subarray(from, to) as unknown as number[]);
  let out = '';
  for (let at = from; at < to; at += CHARS_AT_ONCE) out += String.fromCharCode.apply(null, codes.subarray(at, Math.min(to, at + CHARS_AT_ONCE)) as unknown as number[]);
  return out;
}

function hexDigit(b: number): number {
  if (b >= 48 && b <= 57) return b - 48;
  if (b >= 65 && b <= 70) return b - 55;
  if (b >= 97 && b <= 102) return b - 87;
  return -1;
}

/** Argument counts, as pdf.js's EvaluatorPreprocessor.opMap; a negative count is "up to". */
const ARGS: Record<string, number> = {
  w: 1, J: 1, j: 1, M: 1, d: 2, ri: 1, i: 1, gs: 1, q: 0, Q: 0, cm: 6, m: 2, l: 2, c: 6, v: 4, y: 4, h: 0, re: 4,
  S: 0, s: 0, f: 0, F: 0, 'f*': 0, B: 0, 'B*': 0, b: 0, 'b*': 0, n: 0, W: 0, 'W*': 0, BT: 0, ET: 0, Tc: 1, Tw: 1,
  Tz: 1, TL: 1, Tf: 2, Tr: 1, Ts: 1, Td: 2, TD: 2, Tm: 6, 'T*': 0, Tj: 1, TJ: 1, "'": 1, '"': 3, CS: 1, cs: 1,
  SC: -4, SCN: -33, sc: -4, scn: -33, G: 1, g: 1, RG: 3, rg: 3, K: 4, k: 4, sh: 1, Do: 1, MP: 1, DP: 2, BMC: 1,
  BDC: 2, EMC: 0, BX: 0, EX: 0, d0: 2, d1: 6,
};

/** ARGS's operators by their bytes (little-endian, up to three), as interned strings. */
const OPERATORS = new Map<number, string>(
  Object.keys(ARGS).map((op) => [op.charCodeAt(0) | ((op.charCodeAt(1) || 0) << 8) | ((op.charCodeAt(2) || 0) << 16), op]),
);

// ---- pdf.js's text state and item building --------------------------------------

type M6 = number[];

/** pdf.js Util.transform, term for term. */
function transform(m1: M6, m2: M6): M6 {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** pdf.js's TextState (graphics-state part the text needs). */
class TextState {
  ctm: M6 = [1, 0, 0, 1, 0, 0];
  fontName: string | null = null;
  fontSize = 0;
  font: SimpleFont | null = null;
  loadedName: string | null = null;
  textMatrix: M6 = [1, 0, 0, 1, 0, 0];
  textLineMatrix: M6 = [1, 0, 0, 1, 0, 0];
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  textHScale = 1;
  textRise = 0;

  translateTextMatrix(x: number, y: number): void {
    const m = this.textMatrix;
    m[4] = m[0] * x + m[2] * y + m[4];
    m[5] = m[1] * x + m[3] * y + m[5];
  }
  translateTextLineMatrix(x: number, y: number): void {
    const m = this.textLineMatrix;
    m[4] = m[0] * x + m[2] * y + m[4];
    m[5] = m[1] * x + m[3] * y + m[5];
  }
  /** textMatrix = a copy of textLineMatrix, into the array textMatrix already is (Td before every word: no array each). */
  textMatrixFromLine(): void {
    const m = this.textMatrix, l = this.textLineMatrix;
    if (m === l) {
      this.textMatrix = l.slice();
      return;
    }
    m[0] = l[0];
    m[1] = l[1];
    m[2] = l[2];
    m[3] = l[3];
    m[4] = l[4];
    m[5] = l[5];
  }
  carriageReturn(): void {
    this.translateTextLineMatrix(0, -this.leading);
    this.textMatrixFromLine();
  }
  clone(): TextState {
    const c = Object.assign(new TextState(), this);
    c.textMatrix = this.textMatrix.slice();
    c.textLineMatrix = this.textLineMatrix.slice();
    return c;
  }
}

const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
/**
 * A gap wider than this (in em) before the first glyph a text-positioning
 * operator (Td, TD, Tm, T*, ', ") placed is a word space, where pdf.js wants
 * TRACKING_SPACE_FACTOR. An OCR layer places every word by itself: its words
 * are words whatever their spacing, and the LoC pages set headlines in 48–56
 * pt type squeezed (Tz) to 52–72 % with words 1.9–2.9 pt (0.04–0.05 em) apart,
 * which pdf.js glues ("FOEMUSTEVACUATEPERONNE;"). Glyphs inside one string or
 * one TJ array (kerning) are never split by it.
 */
const POSITIONED_SPACE_FACTOR = 0.01;
const VERTICAL_SHIFT_RATIO = 0.25;
/** pdf.js's FONT_IDENTITY_MATRIX[0]: simple fonts measure glyphs in 1/1000 em. */
const FONT_SCALE = 0.001;
/** pdf.js throws past this many operands for one operator. */
const MAX_ARGS = 33;
/** Saved graphics states: each q copies the text state, so a hostile stream of q's must not grow memory without end. */
const MAX_SAVED_STATES = 1024;

/**
 * The page's text items as pdf.js reports them, or why this reader cannot
 * promise that. `viewBox` is pdf.js's page.view (the crop box).
 */
export interface TextLayerOptions {
  /**
   * true (default, the app's reading): a word the layer places with its own
   * positioning operator is a word, however tight its gap (see
   * POSITIONED_SPACE_FACTOR): spaces are added, nothing else changes. false:
   * exactly pdf.js's items (simple-text-reader.test.ts compares them).
   */
  positionedWordSpaces?: boolean;
}

export function readSimpleTextLayer(content: Uint8Array, resources: TextLayerResources, viewBox: readonly number[], opts: TextLayerOptions = {}): TextLayerResult {
  try {
    return new LayerReader(content, resources, viewBox, opts.positionedWordSpaces ?? true).run();
  } catch (err) {
    if (err instanceof Unsupported) return { unsupported: err.message };
    // A bug here must never cost the page: pdf.js reads it instead.
    return { unsupported: `internal error: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * One page's reading: pdf.js's getTextContent state (its textContentItem is
 * the item* fields, its prevTransform `prev`) and the operand stack.
 */
/**
 * Content bytes an item takes, about, for sizing the item columns at once: an
 * OCR layer spends ~55 bytes a word ("/F1 8.80 Tf 67.05 Tz 0.96 Ts 38.88 0
 * Td (fair) Tj"), two items a word with the space between.
 */
const CONTENT_BYTES_AN_ITEM = 24;
/** Items the columns make room for at most before they see them (a hostile stream's length promises nothing). */
const MAX_EXPECTED_ITEMS = 1 << 16;

class LayerReader {
  readonly items: TextLayerItems;
  readonly images: LayerImage[] = [];
  readonly styles: Record<string, SimpleFont['style']> = {};
  readonly stack: TextState[] = [];
  textState = new TextState();
  // What buildTextContentItem compares against (pdf.js keeps a clone of the whole text state for these three).
  hasSnapshot = false;
  snapFontSize = 0;
  snapFontName: string | null = null;
  snapFont: SimpleFont | null = null;

  // pdf.js's textContentItem.
  initialized = false;
  /** Its str, joined as it grows (words are short: no array to join), and how many strings pdf.js's array would hold (a unicode may be empty). */
  str = '';
  pieces = 0;
  totalWidth = 0;
  totalHeight = 0;
  width = 0;
  height = 0;
  // pdf.js's prevTransform, kept in place (it is set for every glyph): `hasPrev` says it was set.
  hasPrev = false;
  readonly prev = new Float64Array(6);
  prevTextRise = 0;
  textAdvanceScale = 0;
  spaceInFlowMin = 0;
  spaceInFlowMax = 0;
  trackingSpaceMin = Infinity;
  negativeSpaceMax = -Infinity;
  notASpace = -Infinity;
  readonly itemTransform = new Float64Array(6);
  itemFontName: string | null = null;
  hasEOL = false;

  twoLastChars = [' ', ' '];
  twoLastCharsPos = 0;

  /** Whether to add POSITIONED_SPACE_FACTOR's spaces (TextLayerOptions.positionedWordSpaces). */
  readonly positionedWordSpaces: boolean;
  /** A text-positioning operator ran since the last glyph was shown: the next glyph starts a word the layer placed. */
  positioned = false;
  positionedSpaceMin = Infinity;

  readonly scratch = new Float64Array(6);
  /** A TJ's joined strings as codes. */
  tjCodes = new Uint16Array(256);

  // Operands of the operator being read: kind (T_NUM, T_STR, T_OBJ) and value by kind.
  argc = 0;
  readonly argKind = new Uint8Array(MAX_ARGS + 1);
  readonly argNum = new Float64Array(MAX_ARGS + 1);
  readonly argFrom = new Int32Array(MAX_ARGS + 1);
  readonly argTo = new Int32Array(MAX_ARGS + 1);
  readonly argObj: Operand[] = new Array<Operand>(MAX_ARGS + 1).fill(null);

  readonly lx: Lexer;
  readonly resources: TextLayerResources;
  readonly vb0: number;
  readonly vb1: number;
  readonly vb2: number;
  readonly vb3: number;

  constructor(content: Uint8Array, resources: TextLayerResources, viewBox: readonly number[], positionedWordSpaces: boolean) {
    this.positionedWordSpaces = positionedWordSpaces;
    this.items = new TextLayerItems(Math.min(MAX_EXPECTED_ITEMS, Math.ceil(content.length / CONTENT_BYTES_AN_ITEM)));
    this.lx = new Lexer(content);
    this.resources = resources;
    this.vb0 = viewBox[0];
    this.vb1 = viewBox[1];
    this.vb2 = viewBox[2];
    this.vb3 = viewBox[3];
  }

  snapshot(): void {
    const ts = this.textState;
    this.hasSnapshot = true;
    this.snapFontSize = ts.fontSize;
    this.snapFontName = ts.fontName;
    this.snapFont = ts.font;
  }

  saveLastChar(char: string): boolean {
    const pos = this.twoLastCharsPos;
    const nextPos = (pos + 1) % 2;
    const ret = this.twoLastChars[pos] !== ' ' && this.twoLastChars[nextPos] === ' ';
    this.twoLastChars[pos] = char;
    this.twoLastCharsPos = nextPos;
    return ret;
  }
  shouldAddWhitespace(): boolean {
    return this.twoLastChars[this.twoLastCharsPos] !== ' ' && this.twoLastChars[(this.twoLastCharsPos + 1) % 2] === ' ';
  }
  resetLastChars(): void {
    this.twoLastChars[0] = this.twoLastChars[1] = ' ';
    this.twoLastCharsPos = 0;
  }

  /** Appends a unicode string to the item's str (pdf.js pushes it onto an array it joins at the flush). */
  pushStr(unicode: string): void {
    this.str += unicode;
    this.pieces++;
  }

  /** pdf.js pushes a space item whose transform is prevTransform (or, where it says so, the current one). */
  pushWhitespace(width: number, usePrev: boolean, fontName: string | null): void {
    this.items.push(' ', width, 0, usePrev ? this.prev : this.currentTransformInto(this.scratch), fontName!, false);
  }

  /**
   * pdf.js's getCurrentTextTransform: Util.transform(ctm, Util.transform(textMatrix,
   * [fontSize·Th, 0, 0, fontSize, 0, rise])), written out term for term (the
   * zero terms included, so every result is bit for bit the same) into `out`:
   * it runs for every glyph, and the two temporaries were most of the garbage.
   */
  currentTransformInto(out: Float64Array): Float64Array {
    const ts = this.textState;
    const tm = ts.textMatrix, c = ts.ctm;
    const fs = ts.fontSize, rise = ts.textRise;
    const t0 = fs * ts.textHScale, z = 0;
    const i0 = tm[0] * t0 + tm[2] * z;
    const i1 = tm[1] * t0 + tm[3] * z;
    const i2 = tm[0] * z + tm[2] * fs;
    const i3 = tm[1] * z + tm[3] * fs;
    const i4 = tm[0] * z + tm[2] * rise + tm[4];
    const i5 = tm[1] * z + tm[3] * rise + tm[5];
    out[0] = c[0] * i0 + c[2] * i1;
    out[1] = c[1] * i0 + c[3] * i1;
    out[2] = c[0] * i2 + c[2] * i3;
    out[3] = c[1] * i2 + c[3] * i3;
    out[4] = c[0] * i4 + c[2] * i5 + c[4];
    out[5] = c[1] * i4 + c[3] * i5 + c[5];
    return out;
  }

  ensureTextContentItem(): void {
    if (this.initialized) return;
    const ts = this.textState;
    const font = ts.font!;
    const loadedName = ts.loadedName!;
    this.styles[loadedName] ??= font.style;
    this.itemFontName = loadedName;
    const trm = this.currentTransformInto(this.itemTransform);
    this.width = this.totalWidth = 0;
    this.height = this.totalHeight = Math.hypot(trm[2], trm[3]);
    const scaleLineX = Math.hypot(ts.textLineMatrix[0], ts.textLineMatrix[1]);
    const scaleCtmX = Math.hypot(ts.ctm[0], ts.ctm[1]);
    this.textAdvanceScale = scaleCtmX * scaleLineX;
    const fontSize = ts.fontSize;
    this.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    this.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    this.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    this.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    this.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    this.positionedSpaceMin = this.positionedWordSpaces ? fontSize * POSITIONED_SPACE_FACTOR : Infinity;
    this.hasEOL = false;
    this.initialized = true;
  }

  updateAdvanceScale(): void {
    if (!this.initialized) return;
    const ts = this.textState;
    const scaleLineX = Math.hypot(ts.textLineMatrix[0], ts.textLineMatrix[1]);
    const scaleCtmX = Math.hypot(ts.ctm[0], ts.ctm[1]);
    const scaleFactor = scaleCtmX * scaleLineX;
    if (scaleFactor === this.textAdvanceScale) return;
    this.totalWidth += this.width * this.textAdvanceScale;
    this.width = 0;
    this.textAdvanceScale = scaleFactor;
  }

  flushTextContentItem(): void {
    if (!this.initialized) return;
    this.totalWidth += this.width * this.textAdvanceScale;
    // runBidiTransform: the reader's characters are all left-to-right and none is touched by normalizeUnicode.
    this.items.push(this.str, Math.abs(this.totalWidth), Math.abs(this.totalHeight), this.itemTransform, this.itemFontName!, this.hasEOL);
    this.initialized = false;
    this.str = '';
    this.pieces = 0;
  }

  appendEOL(): void {
    this.resetLastChars();
    if (this.initialized) {
      this.hasEOL = true;
      this.flushTextContentItem();
    } else {
      this.items.push('', 0, 0, this.currentTransformInto(this.scratch), this.textState.loadedName!, true);
    }
  }

  // pdf.js passes prevTransform as `transf`; it is read here only when a space item is made.
  addFakeSpaces(width: number, textOrientation: number): boolean {
    if (textOrientation * this.spaceInFlowMin <= width && width <= textOrientation * this.spaceInFlowMax) {
      if (this.initialized) {
        this.resetLastChars();
        this.pushStr(' ');
      }
      return false;
    }
    const fontName = this.itemFontName;
    this.flushTextContentItem();
    this.resetLastChars();
    this.pushWhitespace(Math.abs(width), this.hasPrev, fontName);
    return true;
  }

  compareWithLastPosition(glyphWidth: number): boolean {
    const currentTransform = this.currentTransformInto(this.scratch);
    let posX = currentTransform[4];
    let posY = currentTransform[5];
    if (posX + glyphWidth < this.vb0 || posX > this.vb2 || posY < this.vb1 || posY > this.vb3) return false;
    if (!this.textState.font || !this.hasPrev) return true;
    const prev = this.prev;
    let lastPosX = prev[4];
    let lastPosY = prev[5];
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (currentTransform[0] && currentTransform[1] === 0 && currentTransform[2] === 0) rotate = currentTransform[0] > 0 ? 0 : 180;
    else if (currentTransform[1] && currentTransform[0] === 0 && currentTransform[3] === 0) rotate = currentTransform[1] > 0 ? 90 : 270;
    switch (rotate) {
      case 0:
        break;
      case 90: {
        const x = posX, lx = lastPosX;
        posX = posY;
        posY = x;
        lastPosX = lastPosY;
        lastPosY = lx;
        break;
      }
      case 180:
        posX = -posX;
        posY = -posY;
        lastPosX = -lastPosX;
        lastPosY = -lastPosY;
        break;
      case 270: {
        const x = posX, lx = lastPosX;
        posX = -posY;
        posY = -x;
        lastPosX = -lastPosY;
        lastPosY = -lx;
        break;
      }
      default: {
        // pdf.js's applyInverseRotation, for the current then the previous position.
        const m = currentTransform;
        let scale = Math.hypot(m[0], m[1]);
        const x = posX;
        posX = (m[0] * x + m[1] * posY) / scale;
        posY = (m[2] * x + m[3] * posY) / scale;
        scale = Math.hypot(prev[0], prev[1]);
        const lx = lastPosX;
        lastPosX = (prev[0] * lx + prev[1] * lastPosY) / scale;
        lastPosY = (prev[2] * lx + prev[3] * lastPosY) / scale;
      }
    }
    const advanceX = (posX - lastPosX) / this.textAdvanceScale;
    const advanceY = posY - lastPosY;
    const textOrientation = Math.sign(this.width || this.totalWidth);
    if (advanceX < textOrientation * this.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * this.height) {
        this.appendEOL();
        return true;
      }
      this.resetLastChars();
      this.flushTextContentItem();
      return true;
    }
    const textRiseDelta = this.textState.textRise - this.prevTextRise;
    const advanceYCorrected = textRiseDelta === 0 ? advanceY : advanceY - (currentTransform[3] / this.textState.fontSize) * textRiseDelta;
    if (Math.abs(advanceYCorrected) > this.height) {
      this.appendEOL();
      return true;
    }
    if (advanceX <= textOrientation * this.notASpace) this.resetLastChars();
    if (advanceX <= textOrientation * this.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flushTextContentItem();
        this.pushWhitespace(Math.abs(advanceX), true, this.itemFontName);
      } else if (this.positioned && advanceX > textOrientation * this.positionedSpaceMin) {
        // A word the layer placed by itself, set tight: a space as addFakeSpaces makes one in the flow.
        if (this.initialized) {
          this.resetLastChars();
          this.pushStr(' ');
        }
        if (this.pieces === 0) {
          this.resetLastChars();
          this.pushWhitespace(Math.abs(advanceX), true, this.itemFontName);
        } else {
          this.width += advanceX;
        }
      } else {
        this.width += advanceX;
      }
    } else if (!this.addFakeSpaces(advanceX, textOrientation)) {
      if (this.pieces === 0) {
        this.resetLastChars();
        this.pushWhitespace(Math.abs(advanceX), true, this.itemFontName);
      } else {
        this.width += advanceX;
      }
    }
    if (Math.abs(advanceY) > this.height * VERTICAL_SHIFT_RATIO) this.flushTextContentItem();
    return true;
  }

  /** pdf.js's buildTextContentItem for the string whose character codes are codes[from, to). */
  buildTextContentItem(codes: Uint16Array, from: number, to: number, extraSpacing: number): void {
    const ts = this.textState;
    const font = ts.font;
    if (!font) return fail('text shown before any font was set');
    if (this.snapFontSize !== ts.fontSize || (this.snapFontName !== ts.fontName && this.snapFont?.name !== font.name)) {
      this.flushTextContentItem();
      this.snapshot();
    }
    const baseCharSpacing = ts.charSpacing;
    if (from === to) {
      const charSpacing = baseCharSpacing + extraSpacing;
      if (charSpacing) ts.translateTextMatrix(charSpacing * ts.textHScale, 0);
      return;
    }
    const scale = FONT_SCALE * ts.fontSize;
    for (let i = from; i < to; i++) {
      const code = codes[i];
      const glyphWidth = font.width(code);
      const unicode = font.unicode(code);
      if (glyphWidth === undefined || unicode === undefined) return fail(`character code ${code} outside the reader's table`);
      let charSpacing = baseCharSpacing + (i + 1 === to ? extraSpacing : 0);
      let scaledDim = glyphWidth * scale;
      if (code === 0x20) charSpacing += ts.wordSpacing;
      if (unicode === ' ') {
        charSpacing += scaledDim;
        ts.translateTextMatrix(charSpacing * ts.textHScale, 0);
        this.saveLastChar(' ');
        continue;
      }
      const placed = this.compareWithLastPosition(scaledDim);
      this.positioned = false;
      if (!placed) {
        ts.translateTextMatrix(scaledDim * ts.textHScale, 0);
        continue;
      }
      this.ensureTextContentItem();
      scaledDim *= ts.textHScale;
      ts.translateTextMatrix(scaledDim, 0);
      this.width += scaledDim;
      if (scaledDim) {
        this.currentTransformInto(this.prev);
        this.hasPrev = true;
        this.prevTextRise = ts.textRise;
      }
      if (this.saveLastChar(unicode)) this.pushStr(' ');
      this.pushStr(unicode);
      if (charSpacing) ts.translateTextMatrix(charSpacing * ts.textHScale, 0);
    }
  }

  /** A JS string shown by TJ, as codes. */
  buildFromString(str: string, extraSpacing: number): void {
    if (str.length > this.tjCodes.length) this.tjCodes = new Uint16Array(Math.max(str.length, this.tjCodes.length * 2));
    const codes = this.tjCodes;
    for (let i = 0; i < str.length; i++) codes[i] = str.charCodeAt(i);
    this.buildTextContentItem(codes, 0, str.length, extraSpacing);
  }

  num(i: number): number {
    return this.argKind[i] === T_NUM ? this.argNum[i] : fail('operand is not a number');
  }
  nameOf(i: number): string {
    const v = this.argKind[i] === T_OBJ ? this.argObj[i] : null;
    return v !== null && typeof v === 'object' && 'name' in v ? v.name : fail('operand is not a name');
  }
  /** Shows operand i, which must be a string. */
  showString(i: number): void {
    if (this.argKind[i] !== T_STR) fail('operand is not a string');
    this.buildTextContentItem(this.lx.codes, this.argFrom[i], this.argTo[i], 0);
  }

  run(): TextLayerResult {
    const lx = this.lx;
    for (;;) {
      const tok = lx.next(0);
      if (tok === T_END) break;
      if (tok !== T_OP) {
        const k = this.argc++;
        this.argKind[k] = tok;
        if (tok === T_NUM) this.argNum[k] = lx.num;
        else if (tok === T_STR) {
          this.argFrom[k] = lx.strFrom;
          this.argTo[k] = lx.strTo;
        } else this.argObj[k] = lx.obj;
        if (this.argc > MAX_ARGS) fail('too many operands');
        continue;
      }
      this.operator(lx.op);
      for (let k = 0; k < this.argc; k++) this.argObj[k] = null;
      this.argc = 0;
      lx.resetCodes();
    }
    this.flushTextContentItem();
    return { items: this.items, styles: this.styles, images: this.images };
  }

  operator(op: string): void {
    const want = ARGS[op];
    const argc = this.argc;
    if (want === undefined) fail(`operator "${op.slice(0, 20)}"`);
    if (want >= 0 ? argc !== want : argc > -want) fail(`"${op}" with ${argc} operands`);
    if (!this.hasSnapshot) this.snapshot();
    const ts = this.textState;
    switch (op) {
      case 'q':
        if (this.stack.length >= MAX_SAVED_STATES) fail('q nested too deep');
        this.stack.push(ts);
        this.textState = ts.clone();
        break;
      case 'Q': {
        const prev = this.stack.pop();
        if (prev) this.textState = prev;
        break;
      }
      case 'cm':
        ts.ctm = transform(ts.ctm, [this.num(0), this.num(1), this.num(2), this.num(3), this.num(4), this.num(5)]);
        break;
      case 'Tf': {
        const fontName = this.nameOf(0);
        const fontSize = this.num(1);
        if (ts.font && fontName === ts.fontName && fontSize === ts.fontSize) break;
        ts.fontName = fontName;
        ts.fontSize = fontSize;
        const font = this.resources.font(fontName);
        if (typeof font === 'string') fail(font);
        ts.font = font as SimpleFont;
        ts.loadedName = this.resources.loadedName(font as SimpleFont);
        break;
      }
      case 'Ts':
        ts.textRise = this.num(0);
        break;
      case 'Tz':
        ts.textHScale = this.num(0) / 100;
        break;
      case 'TL':
        ts.leading = this.num(0);
        break;
      case 'Td':
        ts.translateTextLineMatrix(this.num(0), this.num(1));
        ts.textMatrixFromLine();
        this.positioned = true;
        break;
      case 'TD':
        ts.leading = -this.num(1);
        ts.translateTextLineMatrix(this.num(0), this.num(1));
        ts.textMatrixFromLine();
        this.positioned = true;
        break;
      case 'T*':
        ts.carriageReturn();
        this.positioned = true;
        break;
      case 'Tm': {
        const m = [this.num(0), this.num(1), this.num(2), this.num(3), this.num(4), this.num(5)];
        ts.textMatrix = m.slice();
        ts.textLineMatrix = m.slice();
        this.updateAdvanceScale();
        this.positioned = true;
        break;
      }
      case 'Tc':
        ts.charSpacing = this.num(0);
        break;
      case 'Tw':
        ts.wordSpacing = this.num(0);
        break;
      case 'BT':
        ts.textMatrix = [1, 0, 0, 1, 0, 0];
        ts.textLineMatrix = [1, 0, 0, 1, 0, 0];
        break;
      case 'TJ': {
        if (!ts.font) fail('text shown before any font was set');
        const arr = this.argKind[0] === T_OBJ ? this.argObj[0] : null;
        if (!Array.isArray(arr)) return fail('TJ without an array');
        const spaceFactor = (-1 * ts.fontSize) / 1000;
        // pdf.js joins the strings between non-zero numbers; strings left at the end are shown even when empty.
        let buffer = '';
        let pending = false;
        for (const el of arr as Operand[]) {
          if (typeof el === 'string') {
            buffer += el;
            pending = true;
          } else if (typeof el === 'number') {
            if (el !== 0) {
              const s = buffer;
              buffer = '';
              pending = false;
              this.buildFromString(s, el * spaceFactor);
            }
          } else fail('TJ array holds something other than strings and numbers');
        }
        if (pending) this.buildFromString(buffer, 0);
        break;
      }
      case 'Tj':
        this.showString(0);
        break;
      case "'":
        if (!ts.font) fail('text shown before any font was set');
        ts.carriageReturn();
        this.positioned = true;
        this.showString(0);
        break;
      case '"':
        if (!ts.font) fail('text shown before any font was set');
        ts.wordSpacing = this.num(0);
        ts.charSpacing = this.num(1);
        ts.carriageReturn();
        this.positioned = true;
        this.showString(2);
        break;
      case 'Do': {
        this.flushTextContentItem();
        const xo = this.resources.xobject(this.nameOf(0));
        if (xo.kind !== 'image') fail('Do of a form or unknown XObject');
        else if (xo.width && xo.height) this.images.push({ ctm: ts.ctm.slice() as LayerImage['ctm'], pixelWidth: xo.width, pixelHeight: xo.height });
        break;
      }
      case 'gs':
        if (!this.resources.extGStateWithoutFont(this.nameOf(0))) fail('ExtGState that sets a font, or cannot be read');
        break;
      case 'BMC':
      case 'BDC':
      case 'EMC':
        this.flushTextContentItem();
        break;
      case 'd0':
      case 'd1':
        fail('Type 3 glyph operator');
        break;
      // Every other operator in ARGS paints or sets colour and lines: pdf.js's text extraction ignores them.
    }
  }
}
