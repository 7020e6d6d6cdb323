import type { CleanedPage, RawPage } from '../../core/page-model.ts';
import { indexText } from '../extract/processed-page.ts';
import type { LibraryStore } from '../library/library-store.ts';
import type { IndexPageInput } from './search-index.ts';

/**
 * The searchable text of pages an import has just stored, held until the
 * search index takes it, so indexing need not read the pages back out of
 * the library: parsing a stored page's JSON (its raw items and every
 * block's offset map) cost a third of indexing's CPU time (bench:search).
 * Only text is kept (block ids, kinds and texts, and the raw text), within
 * a bound; a document that does not fit, or whose pages arrived
 * incompletely, is simply read from the library as before.
 *
 * Keyed by store, so two libraries open in one process never meet.
 */

/** UTF-16 code units held at most, over all documents waiting (about 2 × this in bytes). */
export const MAX_HELD_CHARS = 16 * 1024 * 1024;

interface Held {
  pages: Map<number, IndexPageInput>;
  chars: number;
  /** A page did not fit: the index reads this document from the library. */
  overflow: boolean;
  /** Pages already handed to the store's IndexTextSink (streamIndexText). */
  streamed: Set<number>;
}

const held = new WeakMap<LibraryStore, { docs: Map<string, Held>; chars: number }>();

/**
 * Where the search index takes an importing document's text as it comes
 * (SearchService, while it is open): instead of holding the text of every
 * page until the document is committed (up to MAX_HELD_CHARS, ~16 M chars
 * in the main thread's heap: 30–50 MB at 2,000 pages), the pages go to the
 * index in batches of about `batchChars`, marked incomplete there until the
 * document is in the library (SearchIndex.streamPages).
 */
export interface IndexTextSink {
  /** A batch of an importing document's pages, in no fixed order. */
  pages(id: string, pages: IndexPageInput[]): void;
  /** The import failed (or another process committed the same bytes): forget what `pages` took. */
  drop(id: string): void;
  /** Characters held for a document before they go to `pages`. */
  batchChars: number;
}

const sinks = new WeakMap<LibraryStore, IndexTextSink>();

/** Sends the text of documents this store imports to `sink` from now on (null: hold it again). */
export function streamIndexText(store: LibraryStore, sink: IndexTextSink | null): void {
  if (sink) sinks.set(store, sink);
  else sinks.delete(store);
}

function flush(store: LibraryStore, id: string, doc: Held, sink: IndexTextSink): void {
  if (!doc.pages.size) return;
  const batch = [...doc.pages.values()];
  const h = of(store);
  h.chars -= doc.chars;
  doc.pages.clear();
  doc.chars = 0;
  for (const p of batch) doc.streamed.add(p.number);
  sink.pages(id, batch);
}

function of(store: LibraryStore) {
  let h = held.get(store);
  if (!h) held.set(store, (h = { docs: new Map(), chars: 0 }));
  return h;
}

/** Called for every page an import stores (import-service.ts), beside `pending.addPage`. */
export function holdPageText(store: LibraryStore, id: string, raw: RawPage, cleaned: CleanedPage): void {
  holdIndexText(store, id, indexText(raw, cleaned));
}

/** holdPageText with the page's text already picked out (by an extraction worker: ProcessedPage.text). */
export function holdIndexText(store: LibraryStore, id: string, input: IndexPageInput): void {
  const h = of(store);
  let doc = h.docs.get(id);
  if (!doc) h.docs.set(id, (doc = { pages: new Map(), chars: 0, overflow: false, streamed: new Set() }));
  if (doc.overflow) return;
  const chars = input.raw.length + input.blocks.reduce((n, b) => n + b.text.length, 0);
  const sink = sinks.get(store);
  if (sink && !doc.streamed.has(input.number)) {
    doc.pages.set(input.number, input);
    doc.chars += chars;
    h.chars += chars;
    if (doc.chars >= sink.batchChars) flush(store, id, doc, sink);
    return;
  }
  if (h.chars + chars > MAX_HELD_CHARS) {
    // Over the bound: this document goes the slow way; what it held is freed now.
    h.chars -= doc.chars;
    doc.pages.clear();
    doc.chars = 0;
    doc.overflow = true;
    return;
  }
  const old = doc.pages.get(input.number);
  if (old) doc.chars -= old.raw.length + old.blocks.reduce((n, b) => n + b.text.length, 0);
  doc.pages.set(input.number, input);
  doc.chars += chars;
  h.chars += chars;
}

/** Forgets a document's held text (its import failed, or the index took it). */
export function dropPageTexts(store: LibraryStore, id: string): void {
  const h = held.get(store);
  const doc = h?.docs.get(id);
  if (!h || !doc) return;
  h.chars -= doc.chars;
  h.docs.delete(id);
  if (doc.streamed.size) sinks.get(store)?.drop(id);
}

/**
 * The held pages 1..pageCount of a document, and forgets them; null when
 * any is missing (then the caller reads the library).
 */
export function takePageTexts(store: LibraryStore, id: string, pageCount: number): IndexPageInput[] | null {
  const doc = held.get(store)?.docs.get(id);
  if (!doc || doc.streamed.size) return null;
  dropPageTexts(store, id);
  if (doc.overflow || doc.pages.size !== pageCount) return null;
  const out: IndexPageInput[] = [];
  for (let n = 1; n <= pageCount; n++) {
    const p = doc.pages.get(n);
    if (!p) return null;
    out.push(p);
  }
  return out;
}

/**
 * For a document whose text went to the index as it was imported
 * (streamIndexText): the pages not yet sent, once every page 1..pageCount
 * was either sent or is held; null when it was not streamed, or a page is
 * missing (then the index reads the whole document from the library). The
 * document is forgotten here either way.
 */
export function takeStreamRest(store: LibraryStore, id: string, pageCount: number): IndexPageInput[] | null {
  const h = held.get(store);
  const doc = h?.docs.get(id);
  if (!h || !doc || !doc.streamed.size) return null;
  h.chars -= doc.chars;
  h.docs.delete(id);
  const rest: IndexPageInput[] = [];
  for (let n = 1; n <= pageCount; n++) {
    const p = doc.pages.get(n);
    if (p) rest.push(p);
    else if (!doc.streamed.has(n)) return null;
  }
  if (doc.streamed.size + rest.length !== pageCount) return null;
  return rest;
}
