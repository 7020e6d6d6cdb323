import type { PDFContext, PDFDict, PDFObject } from 'pdf-lib';
import { readSimpleTextLayer, type SimpleFont, type TextLayerOptions, type TextLayerResources, type TextLayerResult } from './simple-text-layer.ts';

/**
 * Feeds simple-text-layer.ts from a document pdf-lib opened (the one
 * image-placements.ts already opened for the page's images): which fonts of a
 * page it can lay out as pdf.js does, and pdf.js's names for them.
 *
 * Fonts it knows: the four Courier faces as OCR writers declare them: Type 1,
 * not embedded (no FontDescriptor at all), no Widths, no ToUnicode,
 * /WinAnsiEncoding. pdf.js gives every Courier glyph 600/1000 em and, with no
 * descriptor, reports NaN ascent and descent (extract-pdf.ts then uses its
 * 0.8/-0.2 default). Any other font makes the page go to pdf.js.
 */

type PdfLib = typeof import('pdf-lib');

const COURIER = new Set(['Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique']);
const COURIER_WIDTH = 600;

/**
 * WinAnsiEncoding as pdf.js maps it to Unicode (encodings.js → glyph names →
 * glyphlist.js): Windows-1252, except that the codes 1252 leaves undefined
 * are "bullet", 0xA0 is "space", 0xAD "hyphen" and 0xB5 "mu" (U+03BC).
 * Codes below 0x20 have no glyph name; pdf.js treats them specially, so they
 * are left out (undefined → the page goes to pdf.js).
 */
export const WIN_ANSI_UNICODE: ReadonlyArray<string | undefined> = (() => {
  const table: Array<string | undefined> = new Array(256).fill(undefined);
  const cp1252 = new TextDecoder('windows-1252');
  for (let c = 0x20; c < 256; c++) table[c] = cp1252.decode(new Uint8Array([c]));
  for (const c of [0x7f, 0x81, 0x8d, 0x8f, 0x90, 0x9d]) table[c] = '\u2022';
  table[0xa0] = ' ';
  table[0xad] = '-';
  table[0xb5] = '\u03bc';
  return table;
})();

const courierStyle = () => ({ fontFamily: 'monospace', ascent: NaN, descent: NaN, vertical: false as const });

/** pdf.js's loaded font names for one opened document: "g_d0_f<n>", n counting fonts in the order they are first set. */
export class FontNames {
  #names = new Map<object, string>();
  name(key: object): string {
    let name = this.#names.get(key);
    if (!name) this.#names.set(key, (name = `g_d0_f${this.#names.size + 1}`));
    return name;
  }
  peek(key: object): string | undefined {
    return this.#names.get(key);
  }
  get size(): number {
    return this.#names.size;
  }
  /** pdf.js was opened afresh (extract-pdf.ts does every REOPEN_EVERY_PAGES pages): its counter starts again. */
  reset(): void {
    this.#names.clear();
  }
}

/** Why a font dictionary is not one the reader lays out as pdf.js does ("is not a standard Courier (Helvetica)"), or null. */
function courierProblem(lib: PdfLib, dict: PDFDict): string | null {
  const { PDFName } = lib;
  const n = (s: string) => PDFName.of(s);
  const base = dict.lookup(n('BaseFont'));
  const baseName = base instanceof PDFName ? base.decodeText() : '';
  if (dict.lookup(n('Subtype')) !== n('Type1') || !COURIER.has(baseName)) return `is not a standard Courier (${baseName || 'no BaseFont'})`;
  for (const key of ['FontDescriptor', 'Widths', 'FirstChar', 'ToUnicode']) if (dict.has(n(key))) return `has ${key}`;
  if (dict.lookup(n('Encoding')) !== n('WinAnsiEncoding')) return 'is not WinAnsiEncoding';
  return null;
}

/**
 * Why the reader leaves a whole document to pdf.js, or null. pdf.js numbers
 * fonts (g_d0_f<n>) in the order it loads them across the document, so once
 * it reads one page its numbering and ours part ways: the reader takes a
 * document only when every font and XObject any page names is one it can
 * read (a page may still fall back for what its content stream holds).
 * Dictionary look-ups only; no content stream is read.
 */
export function documentProblem(lib: PdfLib, context: PDFContext, pageResources: ReadonlyArray<PDFDict | undefined>): string | null {
  const { PDFDict, PDFName, PDFRawStream, PDFRef } = lib;
  const n = (s: string) => PDFName.of(s);
  const seen = new Set<object>();
  for (const [k, res] of pageResources.entries()) {
    if (!res || seen.has(res)) continue;
    seen.add(res);
    const fonts = res.lookup(n('Font'));
    if (fonts instanceof PDFDict) {
      for (const [name, ref] of fonts.entries()) {
        const dict = context.lookup(ref);
        const why = !(ref instanceof PDFRef) ? 'is not an indirect object' : dict instanceof PDFDict ? courierProblem(lib, dict) : 'is not a dictionary';
        if (why) return `page ${k + 1}: font ${name.toString()} ${why}`;
      }
    }
    const xobjects = res.lookup(n('XObject'));
    if (xobjects instanceof PDFDict) {
      for (const [name, ref] of xobjects.entries()) {
        const xo = context.lookup(ref);
        if (!(xo instanceof PDFRawStream) || xo.dict.lookup(n('Subtype')) !== n('Image')) return `page ${k + 1}: XObject ${name.toString()} is not an image`;
      }
    }
  }
  return null;
}

/** The fonts, XObjects and graphics states of one page's /Resources, as simple-text-layer.ts asks for them. */
export function pageTextResources(lib: PdfLib, context: PDFContext, resources: PDFDict | undefined, names: FontNames): TextLayerResources & { commit(): void } {
  const { PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef } = lib;
  const n = (s: string) => PDFName.of(s);
  const fonts = new Map<string, SimpleFont | string>();
  // Fonts this page named: only once the page is read by this reader do they take a number (a page pdf.js reads numbers its own).
  const pending = new Map<object, string>();
  const lookupDict = (dict: PDFDict | undefined, key: string): PDFDict | undefined => {
    const v = dict?.lookup(n(key));
    return v instanceof PDFDict ? v : undefined;
  };
  const fontTable = lookupDict(resources, 'Font');

  const readFont = (name: string): SimpleFont | string => {
    const raw: PDFObject | undefined = fontTable?.get(n(name));
    if (!raw) return `font /${name} is not in the page's resources`;
    // pdf.js numbers a font by its reference; a direct dictionary gets a number per parse of the resources that hold it.
    if (!(raw instanceof PDFRef)) return `font /${name} is not an indirect object`;
    const dict = context.lookup(raw);
    if (!(dict instanceof PDFDict)) return `font /${name} is not a dictionary`;
    const why = courierProblem(lib, dict);
    if (why) return `font /${name} ${why}`;
    const baseName = (dict.lookup(n('BaseFont')) as ReturnType<PdfLib['PDFName']['of']>).decodeText();
    return {
      // The same PDF object is the same pdf.js font (its font cache is keyed by reference).
      key: dict,
      name: baseName,
      width: (code) => (WIN_ANSI_UNICODE[code] === undefined ? undefined : COURIER_WIDTH),
      unicode: (code) => WIN_ANSI_UNICODE[code],
      style: courierStyle(),
    };
  };

  return {
    font(name) {
      let f = fonts.get(name);
      if (f === undefined) fonts.set(name, (f = readFont(name)));
      return f;
    },
    xobject(name) {
      const table = lookupDict(resources, 'XObject');
      const xo = table?.lookup(n(name));
      if (!(xo instanceof PDFRawStream) || xo.dict.lookup(n('Subtype')) !== n('Image')) return { kind: 'other' };
      const size = (key: string) => {
        const v = xo.dict.lookup(n(key));
        return v instanceof PDFNumber ? v.asNumber() : undefined;
      };
      return { kind: 'image', width: size('Width'), height: size('Height') };
    },
    extGStateWithoutFont(name) {
      const gs = lookupDict(lookupDict(resources, 'ExtGState'), name);
      return !!gs && !gs.has(n('Font'));
    },
    loadedName(font) {
      let name = pending.get(font.key);
      if (!name) {
        // As FontNames.name would number it, counting the fonts this page adds before it.
        const known = names.peek(font.key);
        name = known ?? `g_d0_f${names.size + countNew(pending, names) + 1}`;
        pending.set(font.key, name);
      }
      return name;
    },
    commit() {
      for (const key of pending.keys()) names.name(key);
    },
  };
}

function countNew(pending: Map<object, string>, names: FontNames): number {
  let k = 0;
  for (const key of pending.keys()) if (names.peek(key) === undefined) k++;
  return k;
}

/** Reads one page's text layer; the page's new font names are kept only when it succeeds. */
export function readPageTextLayer(
  content: Uint8Array,
  resources: ReturnType<typeof pageTextResources>,
  viewBox: readonly number[],
  opts?: TextLayerOptions,
): TextLayerResult {
  const result = readSimpleTextLayer(content, resources, viewBox, opts);
  if ('items' in result) resources.commit();
  return result;
}
