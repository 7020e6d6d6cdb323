import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { inThreadPdfWorker } from '../extract/pdfjs-in-thread.ts';
import { answerRequests } from '../workers/answer-requests.ts';

/**
 * Draws a typeset page (no scanned picture to take out of the PDF) with
 * pdf.js onto an @napi-rs/canvas and encodes it as a JPEG preview, off the
 * main thread (typeset-raster.ts). pdf.js in Node draws glyphs as paths (no
 * font loading), so CJK pages come out as the reader's pdf.js draws them.
 * The last document stays open: the background pass asks for its pages one
 * after another.
 */
export interface RasterRequest {
  file: string;
  page: number;
  width: number;
  quality: number;
}

const dir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')) + path.sep;
let open: { file: string; doc: Promise<PDFDocumentProxy>; close: () => Promise<void> } | null = null;

async function documentAt(file: string): Promise<PDFDocumentProxy> {
  if (open?.file !== file) {
    const previous = open;
    open = null;
    if (previous) void previous.close().catch(() => {});
    const task = getDocument({
      data: new Uint8Array(readFileSync(file)),
      worker: await inThreadPdfWorker(),
      cMapUrl: `${dir}cmaps${path.sep}`,
      cMapPacked: true,
      standardFontDataUrl: `${dir}standard_fonts${path.sep}`,
      wasmUrl: `${dir}wasm${path.sep}`,
      iccUrl: `${dir}iccs${path.sep}`,
      verbosity: 0,
    });
    open = { file, doc: task.promise, close: () => task.destroy() };
  }
  return open.doc;
}

/** Pixels down the page at most: a page of absurd proportions (hostile, or a roll of tape) must not make a gigabyte canvas. */
const MAX_HEIGHT = 4 * 900;

async function render(msg: RasterRequest): Promise<Uint8Array> {
  const doc = await documentAt(msg.file);
  const page = await doc.getPage(msg.page);
  try {
    const unit = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(msg.width / unit.width, MAX_HEIGHT / unit.height) });
    const canvas = createCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
    const ctx = canvas.getContext('2d');
    // A JPEG has no transparency: the page's paper is white, as the reader's canvas shows it.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport }).promise;
    return await canvas.encode('jpeg', msg.quality);
  } finally {
    page.cleanup();
  }
}

// No canvas for this platform fails the imports above, before the worker says it is ready: the client's "cannot start"
// (typeset previews off), which says nothing about any page.
answerRequests(
  // A copy into a buffer of its own, so it can be transferred, not cloned.
  async (msg: RasterRequest) => new Uint8Array(await render(msg)),
  { transfer: (bytes) => [bytes.buffer] },
);
