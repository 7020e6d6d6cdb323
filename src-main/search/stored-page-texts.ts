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
}

const held = new WeakMap<LibraryStore, { docs: Map<string, Held>; chars: number }>();

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
  if (!doc) h.docs.set(id, (doc = { pages: new Map(), chars: 0, overflow: false }));
  if (doc.overflow) return;
  const chars = input.raw.length + input.blocks.reduce((n, b) => n + b.text.length, 0);
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
}

/**
 * The held pages 1..pageCount of a document, and forgets them; null when
 * any is missing (then the caller reads the library).
 */
export function takePageTexts(store: LibraryStore, id: string, pageCount: number): IndexPageInput[] | null {
  const doc = held.get(store)?.docs.get(id);
  if (!doc) return null;
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
