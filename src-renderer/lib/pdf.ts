import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy, PDFWorker } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { archive } from './archive.ts';
import { mayHavePreview, noPreview, readerBaseline } from './page-loader.ts';
import { previewBytes } from './preview-bytes.ts';
import { createRenderQueue, type Ticket } from './render-queue.ts';

/**
 * pdf.js set up for an offline, CSP-locked renderer: the worker, CMaps,
 * standard fonts and wasm decoders all come from our own origin (the
 * public/pdfjs links are copied into the build), never from a CDN.
 */
type PdfJs = typeof import('pdfjs-dist');
let pdfjsModule: Promise<PdfJs> | null = null;
let pdfjsLoaded: PdfJs | null = null;

/**
 * pdf.js is a megabyte of script: it loads on first use (the first page or
 * thumbnail), in its own chunk, so the library is on screen before it has
 * been parsed (bench:library's time to interactive).
 */
export function pdfjs(): Promise<PdfJs> {
  return (pdfjsModule ??= import('pdfjs-dist').then((m) => {
    m.GlobalWorkerOptions.workerSrc = workerUrl;
    return (pdfjsLoaded = m);
  }));
}

/** pdf.js once any document has loaded (a page in hand implies it), else null. */
export function loadedPdfjs(): PdfJs | null {
  return pdfjsLoaded;
}

/** What callers hold of a loading document: pdf.js's task, resolved once pdf.js itself has loaded. */
interface LoadingTask {
  promise: Promise<PDFDocumentProxy>;
  destroy(): Promise<void>;
}

const asset = (dir: string) => new URL(`./pdfjs/${dir}/`, document.baseURI).href;

/**
 * Two long-lived workers: one for the page being read, one for thumbnails, so
 * a strip of thumbnails never queues ahead of the reader's page, and opening a
 * document does not start (and download, and compile) a fresh worker each time.
 */
let readerWorker: PDFWorker | null = null;
let thumbWorker: PDFWorker | null = null;

function open(id: string, role: 'reader' | 'thumbs' = 'reader'): LoadingTask {
  const task = pdfjs().then((m) => openWith(m, id, role));
  return { promise: task.then((t) => t.promise), destroy: () => task.then((t) => t.destroy()) };
}

function openWith(m: PdfJs, id: string, role: 'reader' | 'thumbs'): PDFDocumentLoadingTask {
  const worker = role === 'reader' ? (readerWorker ??= new m.PDFWorker()) : (thumbWorker ??= new m.PDFWorker());
  return m.getDocument({
    worker,
    url: archive.fileUrl(id),
    withCredentials: true,
    cMapUrl: asset('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: asset('standard_fonts'),
    wasmUrl: asset('wasm'),
    iccUrl: asset('iccs'),
  });
}

/** A small LRU: the open document plus a couple of neighbours the reader flips between. */
const cache = new Map<string, LoadingTask>();
const KEEP = 3;

export function loadPdf(id: string): Promise<PDFDocumentProxy> {
  const task = cache.get(id);
  if (task) {
    cache.delete(id);
    cache.set(id, task);
    return task.promise;
  }
  const fresh = open(id);
  fresh.promise.catch(() => cache.get(id) === fresh && cache.delete(id));
  cache.set(id, fresh);
  while (cache.size > KEEP) {
    const [oldId, old] = cache.entries().next().value as [string, LoadingTask];
    cache.delete(oldId);
    void old.destroy();
  }
  return fresh.promise;
}

/**
 * Documents opened only for thumbnails, on the thumbnail worker. A few stay
 * open for page strips; one is closed only when no thumbnail render uses it.
 */
const thumbDocs = new Map<string, { task: LoadingTask; users: number }>();
const THUMB_DOCS = 3;

async function withThumbDocument<T>(id: string, use: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  let entry = thumbDocs.get(id);
  if (entry) thumbDocs.delete(id);
  else entry = { task: open(id, 'thumbs'), users: 0 };
  thumbDocs.set(id, entry);
  entry.users++;
  try {
    return await use(await entry.task.promise);
  } catch (err) {
    if (thumbDocs.get(id) === entry && entry.users === 1) thumbDocs.delete(id);
    throw err;
  } finally {
    entry.users--;
    for (const [oldId, old] of thumbDocs) {
      if (thumbDocs.size <= THUMB_DOCS) break;
      if (old.users > 0) continue;
      thumbDocs.delete(oldId);
      void old.task.destroy();
    }
  }
}

/** Rendered thumbnails as blob URLs: two renders at a time, kept, dropped when scrolled away unstarted. */
const thumbs = createRenderQueue<string>({ concurrency: 2, keep: 400, onEvict: (url) => URL.revokeObjectURL(url) });

/** A thumbnail of one page, cssWidth CSS px wide; cancel() when it scrolls out of view. */
export function pageThumbnail(id: string, page: number, cssWidth: number): Ticket<string> {
  return thumbs.request(`${id}:${page}:${cssWidth}`, async (signal) => {
    // A scan's preview (src-main/previews) is a thumbnail away: pdf.js would decode the whole scan for it.
    const fromPreview = await previewThumbnail(id, page, cssWidth, signal);
    if (fromPreview) return fromPreview;
    return withThumbDocument(id, async (doc) => {
      signal.throwIfAborted();
      return drawThumbnail(await doc.getPage(page), cssWidth, signal);
    });
  });
}

/** The page's preview shrunk to a thumbnail, or null when the page has none (typeset pages: pdf.js draws those quickly). */
async function previewThumbnail(id: string, page: number, cssWidth: number, signal: AbortSignal): Promise<string | null> {
  // A page known to have no preview (or of a document found to have none) is not asked for: the host would answer 404.
  if (readerBaseline || !mayHavePreview(id, page)) return null;
  // Fetched once for the thumbnail and the page view (lib/preview-bytes.ts): a fetch another may share is not aborted
  // with this thumbnail, which leaves off once it lands.
  let bytes;
  try {
    bytes = await previewBytes(archive.previewUrl(id, page));
  } catch {
    signal.throwIfAborted();
    return null;
  }
  signal.throwIfAborted();
  if (bytes.status === 404) noPreview(id, page);
  if (!bytes.blob) return null;
  const width = Math.ceil(cssWidth * Math.min(2, Math.max(1, devicePixelRatio)));
  const bitmap = await createImageBitmap(bytes.blob, { resizeWidth: width, resizeQuality: 'medium' });
  try {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [bitmap.width, bitmap.height];
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    return blob ? URL.createObjectURL(blob) : null;
  } finally {
    bitmap.close();
  }
}

async function drawThumbnail(page: PDFPageProxy, cssWidth: number, signal: AbortSignal): Promise<string> {
  signal.throwIfAborted();
  const base = page.getViewport({ scale: 1 });
  // Thumbnails are glanced at: capped at 2x, whatever the display.
  const viewport = page.getViewport({ scale: (cssWidth * Math.min(2, Math.max(1, devicePixelRatio))) / base.width });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  const task = page.render({ canvas, viewport, background: '#ffffff' });
  const abort = () => task.cancel();
  signal.addEventListener('abort', abort);
  try {
    await task.promise;
  } finally {
    signal.removeEventListener('abort', abort);
    page.cleanup();
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('thumbnail: canvas produced no image');
  return URL.createObjectURL(blob);
}
