import type { PDFDict, PDFObject } from 'pdf-lib';
import { findImagePlacements, type ImagePlacement, type Matrix, type Resources, type XObject } from './content-stream-images.ts';

/**
 * Image placements read from the document's own content streams with
 * pdf-lib, so no image is ever decoded (pdf.js decodes every image while it
 * builds an operator list, which on scanned pages is most of the ingest time).
 */

type PdfLib = typeof import('pdf-lib');

let pdfLibPromise: Promise<PdfLib> | null = null;
function loadPdfLib(): Promise<PdfLib> {
  pdfLibPromise ??= import('pdf-lib');
  return pdfLibPromise;
}

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
}

/**
 * Opens `data` with pdf-lib (it copies what it keeps, so pdf.js may take the
 * buffer afterwards). Null when pdf-lib cannot parse the file, or when it is
 * encrypted: pdf-lib cannot decrypt streams, so the caller must fall back.
 */
export async function openPlacementReader(data: Uint8Array): Promise<PlacementReader | null> {
  const lib = await loadPdfLib();
  let doc;
  // pdf-lib reports each object it had to repair on console.warn; pdf.js already speaks for damaged files.
  const warn = console.warn;
  console.warn = () => {};
  try {
    doc = await lib.PDFDocument.load(data, {
      updateMetadata: false,
      ignoreEncryption: true,
      throwOnInvalidObject: false,
      // The default parses in slices with a timer tick between them; we are on a worker and want it done.
      parseSpeed: lib.ParseSpeeds.Fastest,
    });
  } catch {
    return null;
  } finally {
    console.warn = warn;
  }
  if (doc.isEncrypted) return null;
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

  const decode = (obj: PDFObject | undefined): Uint8Array => {
    const stream = obj ? context.lookup(obj) : undefined;
    return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : new Uint8Array(0);
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

  return {
    pageCount: pages.length,
    page(n) {
      const page = pages[n - 1];
      if (!page) return null;
      try {
        const node = page.node;
        const contents = node.Contents();
        let bytes: Uint8Array;
        if (contents instanceof PDFArray) {
          // The streams of an array form one content stream; a newline keeps tokens from fusing at the seams.
          const parts = contents.asArray().map((ref) => decode(ref));
          bytes = new Uint8Array(parts.reduce((sum, p) => sum + p.length + 1, 0));
          let at = 0;
          for (const p of parts) {
            bytes.set(p, at);
            bytes[at + p.length] = 10;
            at += p.length + 1;
          }
        } else {
          bytes = decode(contents);
        }
        const resources = node.Resources();
        return findImagePlacements(bytes, resources ? resourcesOf(resources) : undefined);
      } catch {
        return null;
      }
    },
  };
}
