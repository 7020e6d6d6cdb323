import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy, type PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCAN } from '../../test-support/real-pages.ts';
import { inThreadPdfWorker, isTextContentChunk } from './pdfjs-in-thread.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/pdf');

function open(file: string, worker?: PDFWorker): PDFDocumentLoadingTask {
  return getDocument({ data: new Uint8Array(readFileSync(file)), worker, verbosity: 0, disableFontFace: true });
}

/** The same page through pdf.js's own (cloning) fake worker and through ours. */
async function both<T>(file: string, read: (doc: PDFDocumentProxy) => Promise<T>): Promise<[T, T]> {
  const theirs = await open(file);
  const ours = await open(file, await inThreadPdfWorker());
  try {
    return [await read(await theirs.promise), await read(await ours.promise)];
  } finally {
    await theirs.destroy();
    await ours.destroy();
  }
}

describe('pdf.js worker half on this thread, text chunks uncloned', () => {
  for (const file of [SAMPLE_SCAN, path.join(fixtures, 'cjk-overprint.pdf'), path.join(fixtures, 'cjk-mixed-fonts.pdf')]) {
    it(`${path.basename(file)}: every text item and style equals what pdf.js's own loopback gives`, async () => {
      // pdf.js names fonts after the document's number in its worker (g_d<n>_f<k>): the two differ there only.
      const [theirs, ours] = await both(file, async (doc) => JSON.parse(JSON.stringify(await (await doc.getPage(1)).getTextContent()).replace(/g_d\d+_/g, 'g_d_')) as { items: unknown[] });
      expect(ours.items.length).toBeGreaterThan(50);
      expect(ours).toEqual(theirs);
    });
  }

  it('operator lists (whose arrays pdf.js empties right after sending) still arrive whole', async () => {
    const [theirs, ours] = await both(path.join(fixtures, 'cjk-photos.pdf'), async (doc) => {
      const ops = await (await doc.getPage(1)).getOperatorList();
      return { fn: [...ops.fnArray], args: ops.argsArray.length };
    });
    expect(ours.fn.length).toBeGreaterThan(10);
    expect(ours).toEqual(theirs);
  });

  it('one worker serves documents opened one after another and side by side', async () => {
    const worker = await inThreadPdfWorker();
    const count = async (doc: PDFDocumentProxy) => (await (await doc.getPage(1)).getTextContent()).items.length;
    const tasks = [SAMPLE_SCAN, SAMPLE_SCAN].map((f) => open(f, worker));
    const counts = await Promise.all(tasks.map(async (t) => count(await t.promise)));
    expect(counts[0]).toBeGreaterThan(100);
    expect(counts[1]).toBe(counts[0]);
    for (const t of tasks) await t.destroy();
    const again = open(SAMPLE_SCAN, worker);
    expect(await count(await again.promise)).toBe(counts[0]);
    await again.destroy();
  });

  it('recognizes only text-content chunks', () => {
    expect(isTextContentChunk({ stream: 4, chunk: { items: [], styles: {} } })).toBe(true);
    expect(isTextContentChunk({ stream: 4, chunk: { fnArray: [], argsArray: [] } })).toBe(false);
    expect(isTextContentChunk({ stream: 3, chunk: { items: [], styles: {} } })).toBe(false);
    expect(isTextContentChunk(null)).toBe(false);
  });
});
