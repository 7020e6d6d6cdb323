import { isMarkedAsUntransferable } from 'node:worker_threads';
import { createExtractPool, type ExtractPool } from '../extract/extract-pool.ts';
import { collectGarbage } from '../extract/worker-gc.ts';
import type { PdfInfo } from '../extract/extract-pdf.ts';
import type { PageProcessor } from './import-service.ts';
import { DEFAULT_PHOTO_LINK_WORKER_URL } from './photo-link-thread.ts';
import { READ_AHEAD_FILES } from './read-ahead.ts';

export interface ProcessorOptions {
  /** The extraction worker's script, when a bundler emitted it somewhere else (Electron build). */
  workerUrl?: URL | string;
  /** Extraction workers (default: the cores, at most 2). */
  workers?: number;
  /** Files read ahead of the workers in a batch (read-ahead.ts; default READ_AHEAD_FILES, 0: none). */
  readAhead?: number;
  /** See ExtractPoolOptions.maxOldGenerationMb: memory for time. */
  maxOldGenerationMb?: number;
  /** The photo-link worker's script, when a bundler emitted it somewhere else (photo-link-thread.ts). */
  photoLinkWorkerUrl?: URL | string;
  /**
   * A pool made (and perhaps warmed, ExtractPool.warm) before this module was loaded: the import
   * command starts its worker before it loads the library's modules. workerUrl, workers and
   * maxOldGenerationMb are then the pool's own. Closed with the processor.
   */
  pool?: ExtractPool;
}

/**
 * A second worker holds its own copy of the file and pdf.js's parse of it,
 * so a very large file stays with one worker: slower, but half the peak memory.
 */
export const SINGLE_SHARD_BYTES = 96 * 1024 * 1024;

/**
 * Whether a second worker is worth bringing in on a document of `pageCount`
 * pages and `bytes` bytes. The helper opens the whole document again (pdf.js
 * and pdf-lib parse it) in a worker whose code is cold for it, ~200 ms of CPU:
 * on the 2-page cjk-photos fixture the warm import cost 410 ms of CPU and
 * 950–1,500 ms wall with a helper, 190 ms CPU and 510–620 ms wall without
 * (loaded machine; light pages of ~45 ms each). Light pages need a long
 * document to pay for it; heavy ones (a scan carries a JPEG of hundreds of KB
 * a page and ~16,000 OCR words to clean, ~300 ms) need two.
 */
export function worthAHelper(pageCount: number, bytes: number): boolean {
  return pageCount >= HELPER_MIN_PAGES || (pageCount > 1 && bytes / pageCount >= HEAVY_PAGE_BYTES);
}
/** Pages from which a document of light pages is shared with a second worker. */
const HELPER_MIN_PAGES = 8;
/** File bytes a page from which pages count as heavy (scans): shared from two pages on. */
const HEAVY_PAGE_BYTES = 256 * 1024;

/**
 * The processor the app hosts and the import command use: PDFs go to the
 * worker pool, which extracts and cleans, so neither pdf.js nor cleaning runs
 * on Electron's main thread or the host's event loop. Text dumps go there too:
 * a worker decodes, splits and cleans them a page at a time.
 *
 * A document is opened by one worker. Only when it turns out to have pages
 * enough to pay for a second open (worthAHelper) is it offered to a second
 * worker as well, and the two take pages from a shared counter until none is
 * left; so a one-page scan is
 * parsed once (it used to be parsed by both workers, one of which then had
 * no page to do), while a long file still keeps both cores busy. A batch
 * keeps the pool busy by importing `concurrency` files at once, with
 * `readAhead` more made ready and queued meanwhile.
 */
export function createProcessor(opts: ProcessorOptions = {}): PageProcessor & { close(): Promise<void>; readonly idleMs: number } {
  const pool = opts.pool ?? createExtractPool({ workerUrl: opts.workerUrl, size: opts.workers, maxOldGenerationMb: opts.maxOldGenerationMb });
  return {
    concurrency: pool.size,
    // One file more is read, hashed and stored while the workers extract, and waits in the pool's queue (read-ahead.ts).
    readAhead: opts.readAhead ?? READ_AHEAD_FILES,
    photoLinkWorkerUrl: opts.photoLinkWorkerUrl ?? DEFAULT_PHOTO_LINK_WORKER_URL,
    async process(kind, data, onPage, opts = {}) {
      // The ALTO that came with a scan: cleaning takes its layout from it (see extract-worker.ts).
      const alto = opts.alto ?? undefined;
      // Pages cross from the workers as the JSON text the library stores (processed-page.ts).
      const handle = onPage;
      if (kind === 'text') {
        const { pageCount } = await pool.extractProcessed(data, handle, { format: 'text' });
        return { pageCount };
      }
      const told = (info: PdfInfo) => info.pageCount && opts.onPageCount?.(info.pageCount);
      if (pool.size === 1 || data.length > SINGLE_SHARD_BYTES) {
        const { pageCount, info, photosLinked } = await pool.extractProcessed(data, handle, { alto, onOpen: told, linkLonePage: true });
        if (pageCount === 0) throw new Error('no pages');
        return { pageCount, title: info.title, ...(photosLinked ? { photosLinked } : {}) };
      }
      // [pages handed out, page count]: see ExtractOptions.claim.
      const claim = new Int32Array(new SharedArrayBuffer(8));
      // One copy of the file for both workers (the pool shares a SharedArrayBuffer rather than
      // copying it), where each used to hold its own and a third crossed for every reopen
      // (extract-pdf.ts): 24 MB each for the generated 10,000-page file, the file's size in general.
      let bytes: Uint8Array | null = sharedCopy(data);
      const size = bytes.byteLength;
      let helper: Promise<{ pageCount: number; photosLinked?: boolean }> | null = null;
      const onOpen = (info: PdfInfo) => {
        told(info);
        if (worthAHelper(info.pageCount ?? 0, size) && !helper && bytes) helper = pool.extractProcessed(bytes, handle, { claim, alto });
      };
      const first = pool.extractProcessed(bytes, handle, { claim, alto, onOpen, linkLonePage: true });
      const [a, b] = await Promise.allSettled([first, first.then(() => helper, () => helper)]);
      // The shared copy is freed once no thread refers to it: the workers collect at a long job's end
      // (worker-gc.ts), and this thread would hold it until V8 next collects on its own, while photos are linked.
      bytes = null;
      if (size >= RELEASE_NOW_BYTES) collectGarbage();
      if (a.status === 'rejected') throw a.reason;
      if (b.status === 'rejected') throw b.reason;
      const pageCount = a.value.pageCount + (b.value?.pageCount ?? 0);
      if (pageCount === 0) throw new Error('no pages');
      // A one-page document's photos were linked in the worker that extracted it (link-lone-page.ts).
      const photosLinked = pageCount === 1 && (a.value.photosLinked || b.value?.photosLinked);
      return { pageCount, title: a.value.info.title, ...(photosLinked ? { photosLinked } : {}) };
    },
    close: () => pool.close(),
    /** See ExtractPool.idleMs. */
    get idleMs() {
      return pool.idleMs;
    },
  };
}

/** A shared copy this large is collected as soon as its document is extracted (~10 ms of the main thread). */
const RELEASE_NOW_BYTES = 8 << 20;

/**
 * `data`'s bytes in a SharedArrayBuffer. The pool used to transfer (detach)
 * `data` itself; it is released here the same way when it can be, so that the
 * caller's copy does not outlive the import.
 */
function sharedCopy(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(data.byteLength));
  out.set(data);
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  if (whole && data.buffer instanceof ArrayBuffer && !isMarkedAsUntransferable(data.buffer)) data.buffer.transfer(0);
  return out;
}
