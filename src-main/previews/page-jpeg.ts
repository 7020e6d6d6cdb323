import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';
import type { RawImage, Rect } from '../../core/page-model.ts';
import { MIN_PAGE_SHARE } from './scan-share.ts';

/**
 * The scanned picture of a page, taken out of the PDF as the JPEG file it
 * is stored as (a DCTDecode image stream holds a complete JPEG): no pdf.js, no
 * decoding. Only what a viewer can show as is qualifies: 8-bit grey or RGB,
 * no mask, no Decode array, on an unrotated page, and drawn over most of it
 * (the placement comes from the page model's images, found by pdf.js at
 * import). Anything else has no preview, and the page is drawn by pdf.js alone.
 */

export interface PageJpeg {
  jpeg: Uint8Array;
  pixelWidth: number;
  pixelHeight: number;
  /** Where the image is drawn, in page points from the top-left. */
  rect: Rect;
}

export { MIN_PAGE_SHARE };

const name = (v: unknown) => (v instanceof PDFName ? v.asString() : null);

function filters(dict: PDFDict): string[] {
  const f = dict.lookup(PDFName.of('Filter'));
  if (f instanceof PDFName) return [f.asString()];
  if (f instanceof PDFArray) return f.asArray().map((x) => name(dict.context.lookup(x)) ?? '?');
  return [];
}

function colourSpaceOk(dict: PDFDict): boolean {
  const cs = dict.lookup(PDFName.of('ColorSpace'));
  const n = name(cs);
  if (n) return n === '/DeviceGray' || n === '/DeviceRGB';
  // [/ICCBased stream] with 1 or 3 components: a viewer shows the JPEG's own colours, close enough for a preview.
  if (cs instanceof PDFArray && name(cs.lookup(0)) === '/ICCBased') {
    const profile = cs.lookup(1);
    const comps = profile instanceof PDFRawStream ? profile.dict.lookup(PDFName.of('N')) : null;
    return comps instanceof PDFNumber && (comps.asNumber() === 1 || comps.asNumber() === 3);
  }
  return false;
}

const num = (dict: PDFDict, key: string) => {
  const v = dict.lookup(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : NaN;
};

/**
 * The page's scanned JPEG and its placement, or a reason there is none.
 * `images` are the page model's image placements (RawPage.images).
 */
export function pageJpeg(doc: PDFDocument, pageIndex: number, page: { width: number; height: number; images: readonly RawImage[] }): PageJpeg | { none: string } {
  const p = doc.getPage(pageIndex);
  if (p.getRotation().angle % 360 !== 0) return { none: 'rotated page' };
  const xobjects = p.node.Resources()?.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return { none: 'no images' };
  let best: PageJpeg | null = null;
  for (const [, ref] of xobjects.entries()) {
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
    if (!(stream instanceof PDFRawStream)) continue;
    const d = stream.dict;
    if (name(d.lookup(PDFName.of('Subtype'))) !== '/Image') continue;
    const f = filters(d);
    if (f.length !== 1 || f[0] !== '/DCTDecode') continue;
    if (d.has(PDFName.of('SMask')) || d.has(PDFName.of('Mask')) || d.has(PDFName.of('Decode')) || d.has(PDFName.of('ImageMask'))) continue;
    if (num(d, 'BitsPerComponent') !== 8 || !colourSpaceOk(d)) continue;
    const [w, h] = [num(d, 'Width'), num(d, 'Height')];
    const placed = page.images.filter((im) => im.pixelWidth === w && im.pixelHeight === h);
    const rect = placed.sort((a, b) => area(b.rect) - area(a.rect))[0]?.rect;
    if (!rect || (best && area(best.rect) >= area(rect))) continue;
    best = { jpeg: stream.contents, pixelWidth: w, pixelHeight: h, rect };
  }
  if (!best) return { none: 'no JPEG picture' };
  if (area(best.rect) < MIN_PAGE_SHARE * page.width * page.height) return { none: 'picture covers too little of the page' };
  return best;
}

const area = (r: Rect) => Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]);
