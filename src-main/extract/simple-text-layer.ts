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
 * item by item.
 *
 * Pure: bytes and a resource lookup in, items out; never throws.
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
      items: PdfJsTextItem[];
      styles: Record<string, SimpleFont['style']>;
      /** The images the page paints: read in the same pass, so content-stream-images.ts need not read the stream again. */
      images: LayerImage[];
    }
  | { unsupported: string };

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

class Lexer {
  pos = 0;
  /** The last operator next() read. */
  op = '';
  readonly names = new Map<number, Name>();
  readonly s: Uint8Array;
  constructor(s: Uint8Array) {
    this.s = s;
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

  /** Literal string whose "(" is at pos, decoded as pdf.js's Lexer.getString does. */
  literal(): string {
    const s = this.s;
    let p = this.pos + 1;
    let depth = 1;
    let out = '';
    let run = p;
    for (;;) {
      if (p >= s.length) fail('unterminated string');
      const b = s[p];
      if (b === 0x28) depth++;
      else if (b === 0x29) {
        if (--depth === 0) break;
      } else if (b === 0x5c) {
        out += latin1(s, run, p);
        const e = s[p + 1];
        p += 2;
        switch (e) {
          case 0x6e: out += '\n'; break;
          case 0x72: out += '\r'; break;
          case 0x74: out += '\t'; break;
          case 0x62: out += '\b'; break;
          case 0x66: out += '\f'; break;
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
              out += String.fromCharCode(x);
            } else if (e === undefined) fail('unterminated string');
            else out += String.fromCharCode(e);
        }
        run = p;
        continue;
      }
      p++;
    }
    out += latin1(s, run, p);
    this.pos = p + 1;
    return out;
  }

  hex(): string {
    const s = this.s;
    let p = this.pos + 1;
    let out = '';
    let first = -1;
    for (;;) {
      if (p >= s.length) fail('unterminated hex string');
      const b = s[p++];
      if (b === 0x3e) break;
      if (WHITE[b]) continue;
      const d = hexDigit(b);
      if (d < 0) fail('bad hex string');
      if (first < 0) first = d;
      else {
        out += String.fromCharCode((first << 4) | d);
        first = -1;
      }
    }
    if (first >= 0) out += String.fromCharCode(first << 4);
    this.pos = p;
    return out;
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

  /** Same arithmetic as pdf.js's Lexer.getNumber for well-formed numbers; anything else is refused. */
  number(): number {
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
    return sign * value;
  }

  word(): string {
    const s = this.s;
    const start = this.pos;
    while (this.pos < s.length && regular(s[this.pos])) this.pos++;
    return latin1(s, start, this.pos);
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

function hexDigit(b: number): number {
  if (b >= 48 && b <= 57) return b - 48;
  if (b >= 65 && b <= 70) return b - 55;
  if (b >= 97 && b <= 102) return b - 87;
  return -1;
}

/** What next() returns for an operator; the operator itself is in Lexer.op (no object per operator). */
const OP = Symbol('op');
type Op = typeof OP;

/** The next object, or an operator, or null at the end. */
function next(lx: Lexer, depth = 0): Operand | Op | undefined {
  lx.skip();
  const s = lx.s;
  if (lx.pos >= s.length) return undefined;
  const b = s[lx.pos];
  switch (b) {
    case 0x28:
      return lx.literal();
    case 0x3c:
      if (s[lx.pos + 1] === 0x3c) {
        lx.pos += 2;
        skipDict(lx, depth + 1);
        return { dict: true };
      }
      return lx.hex();
    case 0x5b: {
      lx.pos++;
      if (depth >= MAX_NESTING) fail('arrays nested too deep');
      const arr: Operand[] = [];
      for (;;) {
        lx.skip();
        if (s[lx.pos] === 0x5d) {
          lx.pos++;
          return arr;
        }
        const v = next(lx, depth + 1);
        if (v === undefined) fail('unterminated array');
        if (isOp(v)) fail('operator inside an array');
        arr.push(v as Operand);
      }
    }
    case 0x2f:
      return lx.name();
    case 0x29:
    case 0x3e:
    case 0x5d:
    case 0x7b:
    case 0x7d:
      return fail(`stray "${String.fromCharCode(b)}"`);
  }
  if ((b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e) return lx.number();
  // Operators are one to three bytes: found by their bytes in a table of the known ones, no string made.
  const start = lx.pos;
  let end = start;
  while (end < s.length && regular(s[end])) end++;
  const len = end - start;
  if (len <= 3) {
    const known = OPERATORS.get(s[start] | (len > 1 ? s[start + 1] << 8 : 0) | (len > 2 ? s[start + 2] << 16 : 0));
    if (known) {
      lx.pos = end;
      lx.op = known;
      return OP;
    }
  }
  const w = lx.word();
  if (w === 'true') return true;
  if (w === 'false') return false;
  if (w === 'null') return null;
  lx.op = w;
  return OP;
}

function skipDict(lx: Lexer, depth: number): void {
  if (depth >= MAX_NESTING) fail('dictionaries nested too deep');
  for (;;) {
    lx.skip();
    if (lx.pos >= lx.s.length) fail('unterminated dictionary');
    if (lx.s[lx.pos] === 0x3e && lx.s[lx.pos + 1] === 0x3e) {
      lx.pos += 2;
      return;
    }
    const v = next(lx, depth);
    if (v === undefined) fail('unterminated dictionary');
    if (isOp(v)) fail('operator inside a dictionary');
  }
}

function isOp(v: unknown): v is Op {
  return v === OP;
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
  carriageReturn(): void {
    this.translateTextLineMatrix(0, -this.leading);
    this.textMatrix = this.textLineMatrix.slice();
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
export function readSimpleTextLayer(content: Uint8Array, resources: TextLayerResources, viewBox: readonly number[]): TextLayerResult {
  try {
    return run(content, resources, viewBox);
  } catch (err) {
    if (err instanceof Unsupported) return { unsupported: err.message };
    // A bug here must never cost the page: pdf.js reads it instead.
    return { unsupported: `internal error: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function run(content: Uint8Array, resources: TextLayerResources, viewBox: readonly number[]): TextLayerResult {
  const items: PdfJsTextItem[] = [];
  const images: LayerImage[] = [];
  const styles: Record<string, SimpleFont['style']> = {};
  const stack: TextState[] = [];
  let textState = new TextState();
  // What buildTextContentItem compares against (pdf.js keeps a clone of the whole text state for these three).
  let currentTextState: { fontSize: number; fontName: string | null; font: SimpleFont | null } | null = null;
  const snapshot = () => ({ fontSize: textState.fontSize, fontName: textState.fontName, font: textState.font });

  const item = {
    initialized: false,
    str: [] as string[],
    totalWidth: 0,
    totalHeight: 0,
    width: 0,
    height: 0,
    // pdf.js's prevTransform, kept in place (it is set for every glyph): `hasPrev` says it was set; prevArray() hands out a copy.
    hasPrev: false,
    prevTextRise: 0,
    textAdvanceScale: 0,
    spaceInFlowMin: 0,
    spaceInFlowMax: 0,
    trackingSpaceMin: Infinity,
    negativeSpaceMax: -Infinity,
    notASpace: -Infinity,
    transform: null as M6 | null,
    fontName: null as string | null,
    hasEOL: false,
  };

  const twoLastChars = [' ', ' '];
  let twoLastCharsPos = 0;
  const saveLastChar = (char: string): boolean => {
    const nextPos = (twoLastCharsPos + 1) % 2;
    const ret = twoLastChars[twoLastCharsPos] !== ' ' && twoLastChars[nextPos] === ' ';
    twoLastChars[twoLastCharsPos] = char;
    twoLastCharsPos = nextPos;
    return ret;
  };
  const shouldAddWhitespace = () => twoLastChars[twoLastCharsPos] !== ' ' && twoLastChars[(twoLastCharsPos + 1) % 2] === ' ';
  const resetLastChars = () => {
    twoLastChars[0] = twoLastChars[1] = ' ';
    twoLastCharsPos = 0;
  };

  const prev: M6 = [0, 0, 0, 0, 0, 0];
  const prevArray = (): M6 | null => (item.hasPrev ? prev.slice() : null);
  const pushWhitespace = (width: number, transform: M6 | null = prevArray(), fontName: string | null = item.fontName) => {
    items.push({ str: ' ', dir: 'ltr', width, height: 0, transform: transform!, fontName: fontName!, hasEOL: false });
  };

  /**
   * pdf.js's getCurrentTextTransform: Util.transform(ctm, Util.transform(textMatrix,
   * [fontSize·Th, 0, 0, fontSize, 0, rise])), written out term for term (the
   * zero terms included, so every result is bit for bit the same) into `out`:
   * it runs for every glyph, and the two temporaries were most of the garbage.
   */
  const currentTransformInto = (out: M6): M6 => {
    const tm = textState.textMatrix, c = textState.ctm;
    const fs = textState.fontSize, rise = textState.textRise;
    const t0 = fs * textState.textHScale, z = 0;
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
  };
  const getCurrentTextTransform = (): M6 => currentTransformInto([0, 0, 0, 0, 0, 0]);
  const scratch: M6 = [0, 0, 0, 0, 0, 0];

  const ensureTextContentItem = () => {
    if (item.initialized) return item;
    const font = textState.font!;
    const loadedName = textState.loadedName!;
    styles[loadedName] ??= font.style;
    item.fontName = loadedName;
    const trm = (item.transform = getCurrentTextTransform());
    item.width = item.totalWidth = 0;
    item.height = item.totalHeight = Math.hypot(trm[2], trm[3]);
    const scaleLineX = Math.hypot(textState.textLineMatrix[0], textState.textLineMatrix[1]);
    const scaleCtmX = Math.hypot(textState.ctm[0], textState.ctm[1]);
    item.textAdvanceScale = scaleCtmX * scaleLineX;
    const { fontSize } = textState;
    item.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    item.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    item.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    item.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    item.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    item.hasEOL = false;
    item.initialized = true;
    return item;
  };

  const updateAdvanceScale = () => {
    if (!item.initialized) return;
    const scaleLineX = Math.hypot(textState.textLineMatrix[0], textState.textLineMatrix[1]);
    const scaleCtmX = Math.hypot(textState.ctm[0], textState.ctm[1]);
    const scaleFactor = scaleCtmX * scaleLineX;
    if (scaleFactor === item.textAdvanceScale) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    item.width = 0;
    item.textAdvanceScale = scaleFactor;
  };

  const flushTextContentItem = () => {
    if (!item.initialized) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    // runBidiTransform: the reader's characters are all left-to-right and none is touched by normalizeUnicode.
    items.push({
      str: item.str.join(''),
      dir: 'ltr',
      width: Math.abs(item.totalWidth),
      height: Math.abs(item.totalHeight),
      transform: item.transform!,
      fontName: item.fontName!,
      hasEOL: item.hasEOL,
    });
    item.initialized = false;
    item.str.length = 0;
  };

  const appendEOL = () => {
    resetLastChars();
    if (item.initialized) {
      item.hasEOL = true;
      flushTextContentItem();
    } else {
      items.push({ str: '', dir: 'ltr', width: 0, height: 0, transform: getCurrentTextTransform(), fontName: textState.loadedName!, hasEOL: true });
    }
  };

  // pdf.js passes prevTransform as `transf`; it is read here only when a space item is made.
  const addFakeSpaces = (width: number, textOrientation: number): boolean => {
    if (textOrientation * item.spaceInFlowMin <= width && width <= textOrientation * item.spaceInFlowMax) {
      if (item.initialized) {
        resetLastChars();
        item.str.push(' ');
      }
      return false;
    }
    const fontName = item.fontName;
    flushTextContentItem();
    resetLastChars();
    pushWhitespace(Math.abs(width), prevArray() || getCurrentTextTransform(), fontName);
    return true;
  };

  const applyInverseRotation = (x: number, y: number, matrix: M6): [number, number] => {
    const scale = Math.hypot(matrix[0], matrix[1]);
    return [(matrix[0] * x + matrix[1] * y) / scale, (matrix[2] * x + matrix[3] * y) / scale];
  };

  const compareWithLastPosition = (glyphWidth: number): boolean => {
    const currentTransform = currentTransformInto(scratch);
    let posX = currentTransform[4];
    let posY = currentTransform[5];
    if (posX + glyphWidth < viewBox[0] || posX > viewBox[2] || posY < viewBox[1] || posY > viewBox[3]) return false;
    if (!textState.font || !item.hasPrev) return true;
    let lastPosX = prev[4];
    let lastPosY = prev[5];
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (currentTransform[0] && currentTransform[1] === 0 && currentTransform[2] === 0) rotate = currentTransform[0] > 0 ? 0 : 180;
    else if (currentTransform[1] && currentTransform[0] === 0 && currentTransform[3] === 0) rotate = currentTransform[1] > 0 ? 90 : 270;
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastPosX, lastPosY] = [lastPosY, lastPosX];
        break;
      case 180:
        [posX, posY, lastPosX, lastPosY] = [-posX, -posY, -lastPosX, -lastPosY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastPosX, lastPosY] = [-lastPosY, -lastPosX];
        break;
      default:
        [posX, posY] = applyInverseRotation(posX, posY, currentTransform);
        [lastPosX, lastPosY] = applyInverseRotation(lastPosX, lastPosY, prev);
    }
    const advanceX = (posX - lastPosX) / item.textAdvanceScale;
    const advanceY = posY - lastPosY;
    const textOrientation = Math.sign(item.width || item.totalWidth);
    if (advanceX < textOrientation * item.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * item.height) {
        appendEOL();
        return true;
      }
      resetLastChars();
      flushTextContentItem();
      return true;
    }
    const textRiseDelta = textState.textRise - item.prevTextRise;
    const advanceYCorrected = textRiseDelta === 0 ? advanceY : advanceY - (currentTransform[3] / textState.fontSize) * textRiseDelta;
    if (Math.abs(advanceYCorrected) > item.height) {
      appendEOL();
      return true;
    }
    if (advanceX <= textOrientation * item.notASpace) resetLastChars();
    if (advanceX <= textOrientation * item.trackingSpaceMin) {
      if (shouldAddWhitespace()) {
        resetLastChars();
        flushTextContentItem();
        pushWhitespace(Math.abs(advanceX));
      } else {
        item.width += advanceX;
      }
    } else if (!addFakeSpaces(advanceX, textOrientation)) {
      if (item.str.length === 0) {
        resetLastChars();
        pushWhitespace(Math.abs(advanceX));
      } else {
        item.width += advanceX;
      }
    }
    if (Math.abs(advanceY) > item.height * VERTICAL_SHIFT_RATIO) flushTextContentItem();
    return true;
  };

  const buildTextContentItem = (chars: string, extraSpacing: number) => {
    const font = textState.font;
    if (!font) fail('text shown before any font was set');
    if (
      (currentTextState!.fontSize !== textState.fontSize ||
        (currentTextState!.fontName !== textState.fontName && currentTextState!.font?.name !== font!.name))
    ) {
      flushTextContentItem();
      currentTextState = snapshot();
    }
    const baseCharSpacing = textState.charSpacing;
    if (!chars) {
      const charSpacing = baseCharSpacing + extraSpacing;
      if (charSpacing) textState.translateTextMatrix(charSpacing * textState.textHScale, 0);
      return;
    }
    const scale = FONT_SCALE * textState.fontSize;
    for (let i = 0, ii = chars.length; i < ii; i++) {
      const code = chars.charCodeAt(i);
      const glyphWidth = font!.width(code);
      const unicode = font!.unicode(code);
      if (glyphWidth === undefined || unicode === undefined) fail(`character code ${code} outside the reader's table`);
      let charSpacing = baseCharSpacing + (i + 1 === ii ? extraSpacing : 0);
      let scaledDim = glyphWidth! * scale;
      if (code === 0x20) charSpacing += textState.wordSpacing;
      if (unicode === ' ') {
        charSpacing += scaledDim;
        textState.translateTextMatrix(charSpacing * textState.textHScale, 0);
        saveLastChar(' ');
        continue;
      }
      if (!compareWithLastPosition(scaledDim)) {
        textState.translateTextMatrix(scaledDim * textState.textHScale, 0);
        continue;
      }
      const chunk = ensureTextContentItem();
      scaledDim *= textState.textHScale;
      textState.translateTextMatrix(scaledDim, 0);
      chunk.width += scaledDim;
      if (scaledDim) {
        currentTransformInto(prev);
        chunk.hasPrev = true;
        chunk.prevTextRise = textState.textRise;
      }
      if (saveLastChar(unicode!)) chunk.str.push(' ');
      chunk.str.push(unicode!);
      if (charSpacing) textState.translateTextMatrix(charSpacing * textState.textHScale, 0);
    }
  };

  const num = (v: Operand): number => (typeof v === 'number' ? v : fail('operand is not a number'));
  const str = (v: Operand): string => (typeof v === 'string' ? v : fail('operand is not a string'));
  const nameOf = (v: Operand): string => (v !== null && typeof v === 'object' && 'name' in v ? v.name : fail('operand is not a name'));

  const lx = new Lexer(content);
  const args: Operand[] = [];
  for (;;) {
    const tok = next(lx);
    if (tok === undefined) break;
    if (!isOp(tok)) {
      args.push(tok);
      if (args.length > MAX_ARGS) fail('too many operands');
      continue;
    }
    const op = lx.op;
    const want = ARGS[op];
    if (want === undefined) fail(`operator "${op.slice(0, 20)}"`);
    if (want >= 0 ? args.length !== want : args.length > -want) fail(`"${op}" with ${args.length} operands`);
    currentTextState ??= snapshot();
    switch (op) {
      case 'q':
        if (stack.length >= MAX_SAVED_STATES) fail('q nested too deep');
        stack.push(textState);
        textState = textState.clone();
        break;
      case 'Q': {
        const prev = stack.pop();
        if (prev) textState = prev;
        break;
      }
      case 'cm':
        textState.ctm = transform(textState.ctm, args.map(num));
        break;
      case 'Tf': {
        const fontName = nameOf(args[0]);
        const fontSize = num(args[1]);
        if (textState.font && fontName === textState.fontName && fontSize === textState.fontSize) break;
        textState.fontName = fontName;
        textState.fontSize = fontSize;
        const font = resources.font(fontName);
        if (typeof font === 'string') fail(font);
        textState.font = font as SimpleFont;
        textState.loadedName = resources.loadedName(font as SimpleFont);
        break;
      }
      case 'Ts':
        textState.textRise = num(args[0]);
        break;
      case 'Tz':
        textState.textHScale = num(args[0]) / 100;
        break;
      case 'TL':
        textState.leading = num(args[0]);
        break;
      case 'Td':
        textState.translateTextLineMatrix(num(args[0]), num(args[1]));
        textState.textMatrix = textState.textLineMatrix.slice();
        break;
      case 'TD':
        textState.leading = -num(args[1]);
        textState.translateTextLineMatrix(num(args[0]), num(args[1]));
        textState.textMatrix = textState.textLineMatrix.slice();
        break;
      case 'T*':
        textState.carriageReturn();
        break;
      case 'Tm': {
        const m = args.map(num);
        textState.textMatrix = m.slice();
        textState.textLineMatrix = m.slice();
        updateAdvanceScale();
        break;
      }
      case 'Tc':
        textState.charSpacing = num(args[0]);
        break;
      case 'Tw':
        textState.wordSpacing = num(args[0]);
        break;
      case 'BT':
        textState.textMatrix = [1, 0, 0, 1, 0, 0];
        textState.textLineMatrix = [1, 0, 0, 1, 0, 0];
        break;
      case 'TJ': {
        if (!textState.font) fail('text shown before any font was set');
        const arr = args[0];
        if (!Array.isArray(arr)) fail('TJ without an array');
        const spaceFactor = (-1 * textState.fontSize) / 1000;
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
              buildTextContentItem(s, el * spaceFactor);
            }
          } else fail('TJ array holds something other than strings and numbers');
        }
        if (pending) buildTextContentItem(buffer, 0);
        break;
      }
      case 'Tj':
        buildTextContentItem(str(args[0]), 0);
        break;
      case "'":
        if (!textState.font) fail('text shown before any font was set');
        textState.carriageReturn();
        buildTextContentItem(str(args[0]), 0);
        break;
      case '"':
        if (!textState.font) fail('text shown before any font was set');
        textState.wordSpacing = num(args[0]);
        textState.charSpacing = num(args[1]);
        textState.carriageReturn();
        buildTextContentItem(str(args[2]), 0);
        break;
      case 'Do': {
        flushTextContentItem();
        const xo = resources.xobject(nameOf(args[0]));
        if (xo.kind !== 'image') fail('Do of a form or unknown XObject');
        else if (xo.width && xo.height) images.push({ ctm: textState.ctm.slice() as LayerImage['ctm'], pixelWidth: xo.width, pixelHeight: xo.height });
        break;
      }
      case 'gs':
        if (!resources.extGStateWithoutFont(nameOf(args[0]))) fail('ExtGState that sets a font, or cannot be read');
        break;
      case 'BMC':
      case 'BDC':
      case 'EMC':
        flushTextContentItem();
        break;
      case 'd0':
      case 'd1':
        fail('Type 3 glyph operator');
        break;
      // Every other operator in ARGS paints or sets colour and lines: pdf.js's text extraction ignores them.
    }
    args.length = 0;
  }
  flushTextContentItem();
  return { items, styles, images };
}
