/**
 * Entry point of cleaning: a page with geometry is cleaned by position, a
 * text-only dump (no page size) by text alone. `opts.alto`, the OCR
 * engine's layout of a scanned page, replaces the layout derived from the PDF.
 */
import type { CleanedPage, RawPage } from '../page-model.ts';
import { parseAltoPage } from '../layout/alto.ts';
import { altoIllustrations } from '../photos/alto.ts';
import { isScannedPage } from '../photos/image-photos.ts';
import { cleanPdfPage, type CleanOptions } from './pdf-page.ts';
import { cleanTextPage } from './text-page.ts';

export function isTextOnlyPage(page: RawPage): boolean {
  return page.width === 0 && page.height === 0;
}

export function cleanPage(page: RawPage, opts: CleanOptions = {}): CleanedPage {
  return isTextOnlyPage(page) ? cleanTextPage(page) : cleanPdfPage(page, opts);
}

/**
 * Cleans a page of a PDF that came with an ALTO file (`altoXml`, the whole
 * file: one Page element per PDF page, in order). The ALTO gives the layout
 * (blocks, lines, reading order) and, on a scan, the photos' places; the
 * PDF's text stays the raw layer. An ALTO that does not fit the page (another
 * page's size, too little of its text) is ignored and the page is cleaned
 * from the PDF alone, as without one: `layout` on the result says which.
 */
export function cleanPageWithAlto(page: RawPage, altoXml: string | null | undefined): CleanedPage {
  if (!altoXml || isTextOnlyPage(page)) return cleanPage(page);
  let alto = null;
  try {
    alto = parseAltoPage(altoXml, page.number - 1, page.width, page.height);
  } catch {
    // Not this page's ALTO (its page size disagrees): the PDF's own layout.
  }
  if (!alto) return cleanPage(page);
  // A scan whose ALTO marks illustrations: photos come from there rather than from text-free regions.
  let withShapes = page;
  if (isScannedPage(page.images, page.width, page.height)) {
    const illustrations = altoIllustrations(altoXml, (k) => (k === page.number - 1 ? page : null))[page.number - 1] ?? [];
    if (illustrations.length) withShapes = { ...page, illustrations };
  }
  return cleanPdfPage(withShapes, { alto });
}
