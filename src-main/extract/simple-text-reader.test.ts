import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { RawPage } from '../../core/page-model.ts';
import { generateOcrLayerPdf, type OcrLayerOptions } from '../../scripts/fixtures/ocr-layer-pdf.ts';
import { realScannedPages } from '../../test-support/real-pages.ts';
import { extractAll } from './extract-pdf.ts';
import { openPlacementReader } from './image-placements.ts';

/**
 * The fast text reader (simple-text-layer.ts) against pdf.js itself: on the
 * pages it reads, every raw item (text, font name, size, transform, box, line
 * end) must be exactly what pdf.js gives (with positionedWordSpaces off); on
 * the pages it does not read, it must say why and the page must come out as
 * pdf.js reads it. The app's own reading (positionedWordSpaces on) may only
 * add spaces.
 */

async function both(pdf: Uint8Array): Promise<{ fast: RawPage[]; pdfjs: RawPage[] }> {
  const fast = await extractAll(pdf.slice(), { positionedWordSpaces: false });
  const pdfjs = await extractAll(pdf.slice(), { textReader: 'pdfjs' });
  return { fast, pdfjs };
}

/** What the fast reader says about page n ("read" or its reason), with the page's crop box as pdf.js's view. */
async function verdict(pdf: Uint8Array, n: number, view: number[]): Promise<string> {
  const reader = await openPlacementReader(pdf.slice());
  const r = reader!.textLayer(n, view);
  return 'items' in r ? 'read' : r.unsupported;
}

const CROP = [0, 20, 612, 792];

describe('simple text layer reads what pdf.js reads', () => {
  for (const [label, opts] of [
    ['an Apex-style OCR layer (Td, Tf, Tz, Ts, Tj before every word)', { style: 'apex', seed: 11 }],
    ['another seed of it', { style: 'apex', seed: 97 }],
    ['every text operator, every WinAnsi code, rotated and scaled text, a crop box', { style: 'every-operator', seed: 5 }],
    ['the same in Courier-Oblique', { style: 'every-operator', font: 'Courier-Oblique', seed: 6 }],
  ] as Array<[string, OcrLayerOptions]>) {
    it(label, async () => {
      const pdf = await generateOcrLayerPdf(opts);
      expect(await verdict(pdf, 1, CROP)).toBe('read');
      const { fast, pdfjs } = await both(pdf);
      expect(fast[0].items.length).toBeGreaterThan(50);
      expect(fast).toEqual(pdfjs);
    });
  }

  // The committed 1918 sample always; the other Library of Congress scans where ../shared has them.
  for (const page of realScannedPages()) {
    it(`${page.name}: the Library of Congress OCR layer, item for item`, async () => {
      const pdf = new Uint8Array(readFileSync(page.pdf));
      const { fast, pdfjs } = await both(pdf);
      expect(await verdict(pdf, 1, [0, 0, fast[0].width, fast[0].height])).toBe('read');
      expect(fast[0].items.length).toBeGreaterThan(5000);
      expect(fast).toEqual(pdfjs);
    });
  }
});

/** The page's text with every space taken out, and its spaces counted. */
function unspaced(pages: RawPage[]): { text: string; spaces: number } {
  const all = pages.flatMap((p) => p.items.map((i) => i.str + (i.eol ? '\n' : ''))).join('');
  return { text: all.replace(/ /g, ''), spaces: all.length - all.replace(/ /g, '').length };
}

describe("the app's reading (positionedWordSpaces) only adds spaces to pdf.js's", () => {
  it('generated OCR layers (some of their random word gaps are under 0.102 em): the same text, a few more spaces', async () => {
    for (const opts of [{ style: 'apex', seed: 11 }, { style: 'every-operator', seed: 5 }] as OcrLayerOptions[]) {
      const pdf = await generateOcrLayerPdf(opts);
      const app = unspaced(await extractAll(pdf.slice()));
      const pdfjs = unspaced(await extractAll(pdf.slice(), { textReader: 'pdfjs' }));
      expect(app.text).toBe(pdfjs.text);
      expect(app.spaces).toBeGreaterThanOrEqual(pdfjs.spaces);
    }
  });

  for (const page of realScannedPages()) {
    it(`${page.name}: the same text with spaces taken out, and a few more spaces`, async () => {
      const pdf = new Uint8Array(readFileSync(page.pdf));
      const app = unspaced(await extractAll(pdf.slice()));
      const pdfjs = unspaced(await extractAll(pdf.slice(), { textReader: 'pdfjs' }));
      expect(app.text).toBe(pdfjs.text);
      expect(app.spaces).toBeGreaterThan(pdfjs.spaces);
      // Measured: 1918 +11, 1859 +33, 1870 +37 of about 5,000–16,000.
      expect(app.spaces - pdfjs.spaces).toBeLessThan(60);
    });
  }
});

describe('pages it does not read go to pdf.js', () => {
  for (const [label, opts, reason] of [
    ['a standard font other than Courier', { font: 'Helvetica' }, 'document: page 1: font /F1 is not a standard Courier (Helvetica)'],
    ['a Courier with its own Widths', { fontExtras: { FirstChar: 32, Widths: [600] } }, 'document: page 1: font /F1 has Widths'],
    ['a form XObject', { form: true }, 'document: page 1: XObject /Fm1 is not an image'],
    ['an inline image', { tail: 'BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI\n' }, 'operator "BI"'],
    ['an operator pdf.js would repair (too few operands)', { tail: 'BT /F1 9 Tf 5 Td (x) Tj ET\n' }, '"Td" with 1 operands'],
    ['a control character in a string', { tail: 'BT /F1 9 Tf 5 5 Td (a\\001b) Tj ET\n' }, "character code 1 outside the reader's table"],
    ['a font the resources lack', { tail: 'BT /F9 9 Tf (x) Tj ET\n' }, "font /F9 is not in the page's resources"],
  ] as Array<[string, OcrLayerOptions, string]>) {
    it(`${label}: says why, and the page is pdf.js's`, async () => {
      const pdf = await generateOcrLayerPdf(opts);
      expect(await verdict(pdf, 1, CROP)).toBe(reason);
      const { fast, pdfjs } = await both(pdf);
      expect(fast).toEqual(pdfjs);
    });
  }

  it('the generated fixtures with embedded fonts (CJK, Latin columns) are read by pdf.js, unchanged', async () => {
    const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf');
    for (const f of ['cjk-overprint.pdf', 'latin-columns.pdf']) {
      const pdf = new Uint8Array(readFileSync(join(dir, f)));
      expect(await verdict(pdf, 1, [0, 0, 10_000, 10_000])).toMatch(/^document: page 1: font \/\S+ (is not a standard Courier|has)/);
      const { fast, pdfjs } = await both(pdf);
      expect(fast).toEqual(pdfjs);
    }
  });
});

/** One document of the given single-page PDFs, in order (each page keeps its own font objects). */
async function joined(parts: Uint8Array[]): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const part of parts) {
    const src = await PDFDocument.load(part);
    for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
  }
  return out.save({ useObjectStreams: false });
}

describe('documents of several pages', () => {
  it('every page simple: each read by the reader, fonts numbered across pages as pdf.js numbers them', async () => {
    const pdf = await joined([await generateOcrLayerPdf({ seed: 1 }), await generateOcrLayerPdf({ style: 'every-operator', seed: 2 }), await generateOcrLayerPdf({ seed: 3 })]);
    for (const n of [1, 2, 3]) expect(await verdict(pdf, n, CROP)).toBe('read');
    const { fast, pdfjs } = await both(pdf);
    expect(new Set(fast.flatMap((p) => p.items.map((i) => i.font)))).toEqual(new Set(['g_d0_f1', 'g_d0_f2', 'g_d0_f3', 'g_d0_f4']));
    expect(fast).toEqual(pdfjs);
  });

  it('one page in another font: pdf.js reads every page, so its font numbering holds', async () => {
    const pdf = await joined([await generateOcrLayerPdf({ seed: 1 }), await generateOcrLayerPdf({ seed: 2, font: 'Helvetica' })]);
    expect(await verdict(pdf, 1, CROP)).toBe('document: page 2: font /F1 is not a standard Courier (Helvetica)');
    const { fast, pdfjs } = await both(pdf);
    expect(fast).toEqual(pdfjs);
  });
});
