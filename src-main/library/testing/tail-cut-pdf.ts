import { PDFDocument, StandardFonts } from 'pdf-lib';

/** PDFs to cut at the tail, for the damaged-end warning's tests (pdf-tail-check.ts). */

/** Three pages of text whose last 2,000 bytes can go with the pages left whole: the cut takes the xref and trailer. */
export async function textPdf(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < 3; p++) {
    const page = doc.addPage([400, 600]);
    for (let line = 0; line < 30; line++) page.drawText(`Page ${p + 1} line ${line + 1}: the evening star`, { x: 20, y: 570 - line * 18, size: 10, font });
  }
  return doc.save({ useObjectStreams });
}

/**
 * The PDF with an incremental update appended (as an editor or a scanner's
 * OCR pass saves one): a padding object, its own xref, and a trailer whose
 * /Prev is the first. Cutting 2,000 bytes takes the update's xref, trailer
 * and %%EOF: pdf.js rebuilds from the first trailer and opens every page.
 */
export function withUpdate(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const size = Number(/\/Size (\d+)/.exec(text)![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(text)![1];
  const at = text.length;
  const obj = `${size} 0 obj\n<< /Padding (${'x'.repeat(2500)}) >>\nendobj\n`;
  const xref = at + obj.length;
  const tail = `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(at).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text + obj + tail, 'latin1'));
}

export const cut = (bytes: Uint8Array, n: number) => bytes.slice(0, bytes.length - n);
