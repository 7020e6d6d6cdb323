import { isUtf8 } from 'node:buffer';
import { damagedPdfEnd } from './pdf-tail-check.ts';
import { basename } from 'node:path';
import type { DocumentMetadata, DocumentPlacement, ImportProgress, ImportResult, SourceKind } from '../../core/library-model.ts';
import type { ProcessedPage } from '../extract/processed-page.ts';
import { metadataFromFileName, metadataFromPdfTitle } from './file-name-metadata.ts';
import { DuplicateDocumentError, type LibraryStore } from './library-store.ts';
import { sha256Async } from './sha256-async.ts';
import { derivePages } from './derive-pages.ts';
import { altoText } from './alto-sidecar.ts';
import { dropPageTexts, holdIndexText } from '../search/stored-page-texts.ts';
import { upgradeGuessedMetadata } from './upgrade-guess.ts';
import { decideFirstPageScan } from '../previews/first-page-scan.ts';
import { PAGE_PROGRESS_MS, throttledPageProgress, type PageProgress } from './page-progress.ts';
import { adoptAltoLayout, laidOutFromAlto } from './adopt-alto-layout.ts';
import { marksIllustrations } from '../../core/photos/alto.ts';
import { ReadAheadGate } from './read-ahead.ts';
import { nextQueuedAt } from './queued-at.ts';

/** Turns a file's bytes into raw + cleaned pages, off the calling thread. */
export interface PageProcessor {
  /** `photosLinked` in the answer: the pages went out with their photos linked (a one-page PDF, linked in the worker), so the library need not link them. */
  process(
    kind: SourceKind,
    data: Uint8Array,
    /** Each page as the library stores it (JSON text made off this thread, see processed-page.ts). */
    onPage: (page: ProcessedPage) => void,
    /** `alto`: the ALTO XML that came with a PDF (layout and photos from the OCR engine). */
    opts?: ProcessOptions,
  ): Promise<{ pageCount: number; title?: string; photosLinked?: boolean }>;
  /** Files worth processing at once (the pool's workers); 1 when absent. */
  readonly concurrency?: number;
  /** Files worth preparing (read, hashed, stored) while the workers are busy, queued for the next free one (read-ahead.ts); 0 when absent. */
  readonly readAhead?: number;
  /** Where the photo-link worker's script is (photo-link-thread.ts); absent: photos are linked on the calling thread. */
  readonly photoLinkWorkerUrl?: URL | string;
}

/**
 * fn over items, at most `limit` at a time, results in input order. A batch
 * import holds at most `limit` files in memory, whatever its length.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i: number; (i = next++) < items.length; ) out[i] = await fn(items[i], i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

export interface ProcessOptions {
  alto?: string | null;
  /** Told the document's page count as soon as it is open (a PDF; a text dump's is known only at its end). */
  onPageCount?: (pages: number) => void;
}

export interface ImportInput {
  name: string;
  bytes: Uint8Array;
  /** Metadata known from outside the file (an issue METS); it beats every guess. */
  meta?: Partial<DocumentMetadata>;
  placement?: DocumentPlacement;
  /** The ALTO file that came with the PDF (alto-sidecar.ts): the pages' layout is the OCR engine's; stored beside the original. */
  alto?: Uint8Array | null;
  /**
   * When this file's turn came in its batch (ISO time): the document's imported_at. Files are taken in the order
   * given, but finish in the order their workers do; the time they were taken keeps the batch's order, and with it
   * which spelling of a title came first (core/newspaper-titles.ts); each file's is later than the one before it
   * (queued-at.ts), so no two tie. Absent: when it is committed.
   */
  queuedAt?: string;
}

/** The error message every surface shows: one line, naming the file as given and the reason. */
export function importError(file: string, reason: string): string {
  return `${file}: ${reason.split('\n')[0]}`;
}

/**
 * Largest file accepted. Text is streamed page by page, but its bytes are
 * held while it imports; PDFs must be whole in memory for pdf.js.
 */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;
export const MAX_PDF_BYTES = 1024 * 1024 * 1024;

export function maxImportBytes(name: string): number {
  return /\.(txt|text)$/i.test(name) ? MAX_TEXT_BYTES : MAX_PDF_BYTES;
}

export function tooLargeReason(size: number, limit: number): string {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  return `too large to import (${mb(size)}; the limit is ${mb(limit)})`;
}

const PDF_MAGIC = '%PDF-';

export function detectKind(name: string, bytes: Uint8Array): SourceKind | string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes(PDF_MAGIC)) return 'pdf';
  if (/\.pdf$/i.test(name)) return bytes.length === 0 ? 'empty file' : 'not a PDF (no %PDF- header)';
  if (/\.(txt|text)$/i.test(name)) {
    if (bytes.length === 0) return 'empty file';
    // Checked natively, without decoding: a large dump is decoded page by page in a worker.
    return isUtf8(bytes) ? 'text' : 'not UTF-8 text';
  }
  return 'unsupported file type (expected .pdf or .txt)';
}

/**
 * Imports files one by one. A bad file becomes a failed result with a
 * one-line reason; the others still import. Re-importing the same bytes is a
 * no-op that reports "duplicate".
 */
export async function importFiles(
  store: LibraryStore,
  processor: PageProcessor,
  inputs: ImportInput[],
  onProgress?: (progress: Omit<ImportProgress, 'batch'>) => void,
  pageProgressMs = PAGE_PROGRESS_MS,
): Promise<ImportResult[]> {
  let done = 0;
  // Files import side by side, one per extraction worker: a one-page scan keeps one worker
  // busy, so a batch of them would otherwise leave the others idle; and one more is made ready
  // meanwhile, so a worker that finishes finds its next file waiting (read-ahead.ts).
  const gate = new ReadAheadGate(processor.concurrency ?? 1, processor.readAhead ?? 0);
  const results = await mapConcurrent(inputs, gate.lanes, async (given) => {
    const input = { ...given, queuedAt: nextQueuedAt() };
    const size = input.bytes.length;
    await gate.enter(size);
    try {
      onProgress?.({ done, total: inputs.length, file: input.name });
      // The pages of a long file as they are stored: without them a 2,000-page PDF showed "0/1" for most of a minute.
      const onPages = onProgress && throttledPageProgress((page, pages) => onProgress({ done, total: inputs.length, file: input.name, page, pages }), pageProgressMs);
      const result = await importOne(store, processor, input, onPages);
      onProgress?.({ done: ++done, total: inputs.length, file: input.name });
      return result;
    } finally {
      gate.leave();
    }
  });
  onProgress?.({ done: inputs.length, total: inputs.length, file: '' });
  return results;
}

/** `onPages`: pages stored so far and the page count (see PageProgress), as a new document's pages are stored. */
export async function importOne(store: LibraryStore, processor: PageProcessor, input: ImportInput, onPages?: PageProgress): Promise<ImportResult> {
  const file = input.name;
  const limit = maxImportBytes(file);
  if (input.bytes.length > limit) return { file, status: 'failed', error: importError(file, tooLargeReason(input.bytes.length, limit)) };
  const kind = detectKind(file, input.bytes);
  if (kind !== 'pdf' && kind !== 'text') return { file, status: 'failed', error: importError(file, kind) };
  // Off this thread: a batch's pages and next files go on meanwhile.
  const id = await sha256Async(input.bytes);
  if (store.has(id)) return duplicate(store, processor, input, id);
  // Two files with the same bytes in one batch: the second waits for the first, then is a duplicate.
  const running = inFlight.get(store)?.get(id);
  if (running) {
    await running.catch(() => {});
    if (store.has(id)) return duplicate(store, processor, input, id);
  }
  const work = importNew(store, processor, input, id, kind, onPages);
  let mine = inFlight.get(store);
  if (!mine) inFlight.set(store, (mine = new Map()));
  mine.set(id, work);
  try {
    return await work;
  } finally {
    if (mine.get(id) === work) mine.delete(id);
  }
}

/**
 * Already in the library: its bytes are kept as they are, but a METS this
 * import brings replaces guessed metadata, and an ALTO it brings gives pages
 * laid out from the PDF the OCR engine's layout (adopt-alto-layout.ts).
 */
async function duplicate(store: LibraryStore, processor: PageProcessor, input: ImportInput, id: string): Promise<ImportResult> {
  const upgraded = upgradeGuessedMetadata(store, id, input.meta, input.placement);
  const alto = await adoptAltoLayout(store, processor, id, input.alto);
  return {
    file: input.name,
    status: 'duplicate',
    id,
    ...(upgraded ? { upgraded } : {}),
    ...(alto?.adopted ? { relaid: true, note: `${input.name}: its layout now comes from its ALTO` } : {}),
    ...(alto && !alto.adopted ? { note: `${input.name}: ${alto.reason}` } : {}),
  };
}

/** Imports running in this process, by document id, per library. */
const inFlight = new WeakMap<LibraryStore, Map<string, Promise<ImportResult>>>();

async function importNew(store: LibraryStore, processor: PageProcessor, input: ImportInput, id: string, kind: SourceKind, onPages?: PageProgress): Promise<ImportResult> {
  const file = input.name;
  const size = input.bytes.length;
  const pending = store.begin(id, kind, basename(file), size, input.queuedAt);
  // Read before processing: it may detach the buffer.
  const damaged = kind === 'pdf' ? damagedPdfEnd(input.bytes) : null;
  let layoutOriginal: string | null = null;
  let [storedPages, pageCount] = [0, 0];
  try {
    // The original goes to disk first: processing may transfer (detach) the buffer it is given.
    // If processing then fails, the stored object stays invisible and a re-import reuses it.
    // Written, fsynced (and the ALTO hashed) on libuv's thread pool: this thread goes on with the batch's other files.
    if ((await store.storeOriginalAsync(input.bytes, id)) !== id) throw new Error('the file changed while it was being imported');
    // The ALTO too: a rebuild (verify --repair) derives the same layout from it.
    layoutOriginal = input.alto && kind === 'pdf' ? await store.storeOriginalAsync(input.alto) : null;
    const alto = layoutOriginal ? altoText(input.alto!) : null;
    const { title } = await derivePages(
      store,
      processor,
      id,
      kind,
      input.bytes,
      (page) => {
        pending.addPageJson(page.number, page.rawJson, page.cleanedJson, page.viewJson);
        // The search index takes the text from here instead of parsing the stored page back.
        holdIndexText(store, id, page.text);
        onPages?.(++storedPages, pageCount);
      },
      { alto, onPageCount: (n) => (pageCount = n) },
    );
    // An ALTO that laid out none of the pages and marks no illustrations gave them nothing: it is not this
    // document's, and kept as its layout original it would stand in the way of the right one a later import
    // brings (adopt-alto-layout.ts). One that marks illustrations stays: a scan's photos may come from them.
    if (layoutOriginal && !laidOutFromAlto(store, id) && !marksIllustrations(alto!)) {
      store.discardOriginal(layoutOriginal);
      layoutOriginal = null;
    }
    const meta = metadataFromFileName(basename(file));
    if (title) {
      // A title the digitizer wrote ("Der Nordstern (St. Cloud, Minn.) … 1878-01-03 [p ]") beats a guess from the file name.
      Object.assign(meta, metadataFromPdfTitle(title));
      if (!meta.title) meta.title = title.slice(0, 1000);
    }
    // A METS without a printed page number (page null) leaves the file name's guess standing.
    Object.assign(meta, input.meta, input.meta?.page == null ? { page: meta.page } : {});
    pending.commit(meta, input.placement, layoutOriginal);
    decideFirstPageScan(store, id);
    return { file, status: 'imported', id, ...(damaged ? { warning: `${file}: ${damaged}` } : {}) };
  } catch (err) {
    // Another process committed the same bytes while we worked: theirs stands, ours is a duplicate.
    dropPageTexts(store, id);
    if (err instanceof DuplicateDocumentError) return duplicate(store, processor, input, id);
    pending.abort();
    if (layoutOriginal) store.discardOriginal(layoutOriginal);
    return { file, status: 'failed', error: importError(file, err instanceof Error ? err.message : String(err)) };
  }
}
