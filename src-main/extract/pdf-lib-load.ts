import type { PDFDocument } from 'pdf-lib';

type PdfLib = typeof import('pdf-lib');

let pdfLibPromise: Promise<PdfLib> | null = null;
/** pdf-lib, loaded on first use (or ahead of it: extract-pdf.ts warmUp). */
export function loadPdfLib(): Promise<PdfLib> {
  pdfLibPromise ??= import('pdf-lib');
  return pdfLibPromise;
}

/**
 * A file from outside, opened with pdf-lib: objects it cannot read are skipped where it can go on without them, and
 * null where it cannot (a file cut short, say, which pdf.js repairs and reads). pdf-lib notes each damaged object on
 * console.warn, with no prefix and no file name (a walk saw two such lines on `serve`'s stderr); they are not printed:
 * the caller falls back to pdf.js and says what it could not do itself. Parsed in one go (no timer ticks between
 * slices), so that nothing else's warnings fall in the window they are silenced in; it also gets it done sooner.
 */
export async function loadQuietly(data: Uint8Array): Promise<PDFDocument | null> {
  const lib = await loadPdfLib();
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await lib.PDFDocument.load(data, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false, parseSpeed: lib.ParseSpeeds.Fastest });
  } catch {
    return null;
  } finally {
    console.warn = warn;
  }
}
