import type { PDFDict, PDFObject } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { findImagePlacements, type ImagePlacement, type Matrix, type Resources, type XObject } from './content-stream-images.ts';
import type { TextLayerOptions, TextLayerResult } from './simple-text-layer.ts';
import { loadPdfLib, loadQuietly } from './pdf-lib-load.ts';
import { documentProblem, FontNames, pageTextResources, readPageTextLayer } from './simple-text-reader.ts';

/**
 * Image placements read from the document's own content streams with
 * pdf-lib, so no image is ever decoded (pdf.js decodes every image while it
 * builds an operator list, which on scanned pages is most of the ingest time).
 */

type PdfLib = typeof import('pdf-lib');

const EMPTY = new Uint8Array(0);

/**
 * pdf-lib keeps a copy of every stream, and we only ever read content
 * streams and forms: the rest (image data above all, ~23 MB of a 24 MB
 * 200-page file, and font programs) would sit in each extraction worker for
 * the whole document. pdf-lib never writes here, so its copies can go.
 */
function dropUnreadStreams(objects: Array<[unknown, PDFObject]>, lib: PdfLib): void {
  const { PDFName, PDFRawStream } = lib;
  const Subtype = PDFName.of('Subtype'), Form = PDFName.of('Form'), Length1 = PDFName.of('Length1');
  for (const [, obj] of objects) {
    if (!(obj instanceof PDFRawStream)) continue;
    const subtype = obj.dict.lookup(Subtype);
    if ((subtype && subtype !== Form) || obj.dict.has(Length1)) (obj as { contents: Uint8Array }).contents = EMPTY;
  }
}

export interface PlacementReader {
  readonly pageCount: number;
  /** Images painted on 1-based page `n`, in user space; null when the page cannot be read. */
  page(n: number): ImagePlacement[] | null;
  /**
   * Page n's text items as pdf.js's getTextContent would report them, read by
   * simple-text-layer.ts from the same content stream, or why it cannot
   * (then pdf.js reads the page). `viewBox` is pdf.js's page.view; `opts`
   * as simple-text-layer.ts's TextLayerOptions (by default it adds the
   * spaces pdf.js misses between tightly set OCR words).
   */
  textLayer(n: number, viewBox: readonly number[], opts?: TextLayerOptions): TextLayerResult;
  /** pdf.js's font numbering, which textLayer follows; reset when pdf.js opens the document afresh. */
  readonly fontNames: FontNames;
  /**
   * Pages 1..upTo will not be asked for again: their objects go. pdf-lib
   * parses every page of a document up front (~3 KB each: the page
   * dictionary with its inline resources), 32 MB per worker for a
   * 10,000-page file; dropped as the pages are done, a long import's
   * worker holds less and less of it.
   */
  release(upTo: number): void;
}

/** A content stream inflated past this is not read here (pdf.js, with its own limits, gets the page). */
const MAX_CONTENT_BYTES = 64 << 20;

/**
 * Opens `data` with pdf-lib (it copies what it keeps, so pdf.js may take the
 * buffer afterwards). Null when pdf-lib cannot parse the file, or when it is
 * encrypted: pdf-lib cannot decrypt streams, so the caller must fall back.
 */
export async function openPlacementReader(data: Uint8Array): Promise<PlacementReader | null> {
  const lib = await loadPdfLib();
  const doc = await loadQuietly(data);
  if (!doc || doc.isEncrypted) return null;
  let pages;
  try {
    pages = doc.getPages();
  } catch {
    return null;
  }
  const { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, decodePDFRawStream } = lib;
  const N = {
    XObject: PDFName.of('XObject'),
    Subtype: PDFName.of('Subtype'),
    Image: PDFName.of('Image'),
    Form: PDFName.of('Form'),
    Width: PDFName.of('Width'),
    Height: PDFName.of('Height'),
    Matrix: PDFName.of('Matrix'),
    Resources: PDFName.of('Resources'),
  };
  const context = doc.context;
  dropUnreadStreams(context.enumerateIndirectObjects(), lib);

  const Filter = PDFName.of('Filter'), FlateDecode = PDFName.of('FlateDecode'), DecodeParms = PDFName.of('DecodeParms');
  const decode = (obj: PDFObject | undefined): Uint8Array => {
    const stream = obj ? context.lookup(obj) : undefined;
    if (!(stream instanceof PDFRawStream)) return new Uint8Array(0);
    // Plain Flate (what nearly every content stream is) through zlib: several times faster than pdf-lib's JavaScript inflate.
    if (stream.dict.lookup(Filter) === FlateDecode && !stream.dict.has(DecodeParms)) {
      try {
        return inflateSync(stream.contents, { maxOutputLength: MAX_CONTENT_BYTES });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw err;
        // A damaged stream: pdf-lib's inflate keeps what it can, as before.
      }
    }
    return decodePDFRawStream(stream).decode();
  };
  const numberIn = (dict: PDFDict, key: ReturnType<typeof PDFName.of>): number | undefined => {
    const v = dict.lookup(key);
    return v instanceof PDFNumber ? v.asNumber() : undefined;
  };
  const matrixIn = (dict: PDFDict): Matrix | undefined => {
    const arr = dict.lookup(N.Matrix);
    if (!(arr instanceof PDFArray) || arr.size() !== 6) return undefined;
    const m = arr.asArray().map((v) => context.lookup(v));
    return m.every((v) => v instanceof PDFNumber) ? (m.map((v) => (v as { asNumber(): number }).asNumber()) as Matrix) : undefined;
  };

  // One XObject / Resources wrapper per PDF object, so the same form is recognised when it paints itself.
  const xobjects = new WeakMap<object, XObject>();
  const resourceCache = new WeakMap<object, Resources>();

  const xobjectOf = (obj: PDFObject): XObject => {
    const cached = xobjects.get(obj);
    if (cached) return cached;
    let xo: XObject = { kind: 'other' };
    if (obj instanceof PDFRawStream) {
      const subtype = obj.dict.lookup(N.Subtype);
      if (subtype === N.Image) {
        xo = { kind: 'image', width: numberIn(obj.dict, N.Width), height: numberIn(obj.dict, N.Height) };
      } else if (subtype === N.Form) {
        const own = obj.dict.lookup(N.Resources);
        xo = {
          kind: 'form',
          content: () => decodePDFRawStream(obj).decode(),
          matrix: matrixIn(obj.dict),
          resources: own instanceof PDFDict ? resourcesOf(own) : undefined,
        };
      }
    }
    xobjects.set(obj, xo);
    return xo;
  };

  const resourcesOf = (dict: PDFDict): Resources => {
    const cached = resourceCache.get(dict);
    if (cached) return cached;
    const res: Resources = {
      xobject(name) {
        const table = dict.lookup(N.XObject);
        if (!(table instanceof PDFDict)) return undefined;
        const entry = table.lookup(PDFName.of(name));
        return entry ? xobjectOf(entry) : undefined;
      },
    };
    resourceCache.set(dict, res);
    return res;
  };

  // The text layer and the placements read the same decoded stream: keep the last page's.
  let cached: { n: number; bytes: Uint8Array } | null = null;
  const contentOf = (n: number): Uint8Array => {
    if (cached?.n === n) return cached.bytes;
    const bytes = pageContent(pages[n - 1].node);
    cached = { n, bytes };
    return bytes;
  };
  const pageContent = (node: (typeof pages)[number]['node']): Uint8Array => {
    const contents = node.Contents();
    if (!(contents instanceof PDFArray)) return decode(contents);
    // The streams of an array form one content stream; a newline keeps tokens from fusing at the seams (as pdf.js joins them).
    const parts = contents.asArray().map((ref) => decode(ref));
    const bytes = new Uint8Array(parts.reduce((sum, p) => sum + p.length + 1, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      bytes[at + p.length] = 10;
      at += p.length + 1;
    }
    return bytes;
  };
  const fontNames = new FontNames();
  // undefined: not asked yet; null: the document is simple (so `??=` would ask again on every page, over every page).
  let whyNotSimple: string | null | undefined;
  // Asked of every page at once, so before any page is released.
  const wholeDocumentProblem = () => documentProblem(lib, context, pages.map((p) => p.node.Resources()));
  let released = 0;
  // pdf-lib's own index of its pages (PDFDocument.pageMap, private): the other holder of each page object.
  const pageMap = (doc as unknown as { pageMap?: Map<unknown, unknown> }).pageMap;

  return {
    pageCount: pages.length,
    fontNames,
    release(upTo) {
      const last = Math.min(upTo, pages.length);
      if (last <= released) return;
      try {
        if (whyNotSimple === undefined) whyNotSimple = wholeDocumentProblem();
      } catch (err) {
        whyNotSimple = `cannot be read: ${(err as Error).message.split('\n')[0]}`;
      }
      for (let i = released; i < last; i++) {
        const page = pages[i];
        if (!page) continue;
        context.delete(page.ref);
        pageMap?.delete(page.node);
        // The array is pdf-lib's page cache (getPages returns it): the slot goes there too.
        (pages as Array<(typeof pages)[number] | undefined>)[i] = undefined;
      }
      released = last;
    },
    page(n) {
      const page = pages[n - 1];
      if (!page) return null;
      try {
        const bytes = contentOf(n);
        const resources = page.node.Resources();
        return findImagePlacements(bytes, resources ? resourcesOf(resources) : undefined);
      } catch {
        return null;
      }
    },
    textLayer(n, viewBox, opts) {
      const page = pages[n - 1];
      if (!page) return { unsupported: 'no such page' };
      try {
        if (whyNotSimple === undefined) whyNotSimple = wholeDocumentProblem();
        if (whyNotSimple) return { unsupported: `document: ${whyNotSimple}` };
        return readPageTextLayer(contentOf(n), pageTextResources(lib, context, page.node.Resources(), fontNames), viewBox, opts);
      } catch (err) {
        return { unsupported: `content stream cannot be read: ${(err as Error).message.split('\n')[0]}` };
      }
    },
  };
}
