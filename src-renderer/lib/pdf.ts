import { GlobalWorkerOptions, getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { archive } from './archive.ts';

/**
 * pdf.js set up for an offline, CSP-locked renderer: the worker, CMaps,
 * standard fonts and wasm decoders all come from our own origin (the
 * public/pdfjs links are copied into the build), never from a CDN.
 */
GlobalWorkerOptions.workerSrc = workerUrl;

const asset = (dir: string) => new URL(`./pdfjs/${dir}/`, document.baseURI).href;

function open(id: string): PDFDocumentLoadingTask {
  return getDocument({
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
const cache = new Map<string, PDFDocumentLoadingTask>();
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
    const [oldId, old] = cache.entries().next().value as [string, PDFDocumentLoadingTask];
    cache.delete(oldId);
    void old.destroy();
  }
  return fresh.promise;
}

/** Rendered thumbnails as blob URLs, one render at a time so the reader never stutters. */
const thumbs = new Map<string, Promise<string>>();
let queue: Promise<unknown> = Promise.resolve();

export function pageThumbnail(id: string, page: number, cssWidth: number): Promise<string> {
  const key = `${id}:${page}:${cssWidth}`;
  let url = thumbs.get(key);
  if (url) return url;
  url = (queue = queue.catch(() => {}).then(() => renderThumbnail(id, page, cssWidth))) as Promise<string>;
  url.catch(() => thumbs.delete(key));
  thumbs.set(key, url);
  return url;
}

async function renderThumbnail(id: string, pageNumber: number, cssWidth: number): Promise<string> {
  // Reuse the reader's open document; otherwise open one just for this and let it go,
  // so scrolling the library never evicts the page being read.
  const cached = cache.get(id);
  const own = cached ? null : open(id);
  try {
    const doc = await (cached ?? own!).promise;
    return await drawThumbnail(await doc.getPage(pageNumber), cssWidth);
  } finally {
    void own?.destroy();
  }
}

async function drawThumbnail(page: PDFPageProxy, cssWidth: number): Promise<string> {
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: (cssWidth * Math.max(1, devicePixelRatio)) / base.width });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  await page.render({ canvas, viewport }).promise;
  page.cleanup();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('thumbnail: canvas produced no image');
  return URL.createObjectURL(blob);
}
