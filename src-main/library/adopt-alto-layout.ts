import { altoText } from './alto-sidecar.ts';
import { derivePages } from './derive-pages.ts';
import type { PageProcessor } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { dropPageTexts, holdIndexText } from '../search/stored-page-texts.ts';
import { SearchIndex } from '../search/search-index.ts';

/** What a re-import did with the ALTO it brought for a document already in the library. */
export type AltoAdoption = { adopted: true } | { adopted: false; reason: string };

/**
 * A document imported without its ALTO (a PDF given on its own), imported
 * again with the ALTO beside it: its pages are rebuilt with the OCR engine's
 * layout, exactly as a first import with the ALTO would have made them, and
 * the ALTO is stored as the layout's original (migration 8).
 *
 * Corrections, annotations, articles and photo-link choices point at blocks
 * by id on a page; the ALTO's blocks are other blocks, so a rebuild would
 * orphan them. Such a document keeps its layout, and the reason says so.
 * Null when there is nothing to do (not a PDF, no ALTO, or the layout
 * already comes from one).
 */
export async function adoptAltoLayout(store: LibraryStore, processor: PageProcessor, id: string, alto: Uint8Array | null | undefined): Promise<AltoAdoption | null> {
  const doc = store.get(id);
  if (!alto || !doc || doc.kind !== 'pdf' || store.layoutOriginal(id)) return null;
  const tied = workTiedToBlocks(store, id);
  if (tied) return { adopted: false, reason: `its layout still comes from the PDF: rebuilding it from the ALTO would orphan ${tied} tied to its current blocks` };
  const layout = store.storeOriginal(alto);
  const writer = store.rebuildPages(id);
  try {
    await derivePages(
      store,
      processor,
      id,
      doc.kind,
      store.readOriginal(id),
      (page) => {
        writer.addPageJson(page.number, page.rawJson, page.cleanedJson, page.viewJson);
        holdIndexText(store, id, page.text);
      },
      { alto: altoText(alto) },
    );
    writer.finish();
    // Cleaning falls back to the PDF's own layout on a page whose ALTO does not fit it (core/cleaning/pdf-page.ts):
    // an ALTO no page could use is not this document's layout, and the report must not say it is.
    if (!laidOutFromAlto(store, id)) {
      store.discardOriginal(layout);
      forgetInSearch(store, id);
      return { adopted: false, reason: 'its ALTO does not match its pages, so its layout still comes from the PDF' };
    }
    // After the pages: a crash before this line leaves the document as if never upgraded, and the next re-import does it again.
    store.db.prepare('UPDATE documents SET layout_original = ? WHERE id = ? AND layout_original IS NULL').run(layout, id);
  } catch (err) {
    writer.abort();
    dropPageTexts(store, id);
    store.discardOriginal(layout);
    return { adopted: false, reason: `its ALTO could not be used: ${(err as Error).message.split('\n')[0]}` };
  }
  forgetInSearch(store, id);
  return { adopted: true };
}

/**
 * Whether any stored page of `id` (committed or still being imported) took its layout from an ALTO: cleaning
 * falls back to the PDF's own layout on a page whose ALTO does not fit it (core/cleaning/pdf-page.ts). Stops at
 * the first such page.
 *
 * A cleaned page is stored as JSON.stringify wrote it (photo links rewrite it with json_set, which keeps the
 * key order), and `layout` is its last key: a page whose JSON ends with `,"layout":"alto"}` says 'alto' at the
 * top level (in valid JSON that closing brace is the whole object's, and `"layout"` one of its keys), read from
 * its last 17 bytes instead of parsing 0.4–0.6 MB of JSON (1.7–3 ms a scan page, on the main thread, for every
 * import with an ALTO). Any other page is asked with json_extract, as before.
 */
export function laidOutFromAlto(store: LibraryStore, id: string): boolean {
  return (
    store.db
      .prepare(
        `SELECT 1 FROM pages WHERE doc_id = ? AND (substr(CAST(cleaned AS BLOB), -17) = CAST('${ALTO_TAIL}' AS BLOB) OR json_extract(cleaned, '$.layout') = 'alto') LIMIT 1`,
      )
      .get(id) !== undefined
  );
}

/** How a cleaned page laid out from an ALTO ends, as JSON.stringify writes it. */
const ALTO_TAIL = ',"layout":"alto"}';

/**
 * The pages were rebuilt with the same count, so the search index would not notice the new blocks: it
 * forgets the document and every process's catch-up (library.changed, the CLI's catchUpSync) indexes it afresh.
 */
function forgetInSearch(store: LibraryStore, id: string): void {
  // The rebuilt pages' text that went to an open index (stored-page-texts.ts) is dropped too: written by the index's
  // worker thread (search-index-thread.ts), batches still queued there would otherwise land after the removal
  // below and leave the document part-indexed. The catch-up indexes it whole from the library.
  dropPageTexts(store, id);
  const index = new SearchIndex(store.dir);
  try {
    index.removeDocument(id);
  } finally {
    index.close();
  }
}

/** "2 corrections and 1 annotation": the archivist's work on this document that rides on block ids; '' when none. */
function workTiedToBlocks(store: LibraryStore, id: string): string {
  const count = (sql: string) => (store.db.prepare(sql).get(id) as { n: number }).n;
  const parts: Array<[number, string]> = [
    [count('SELECT count(*) AS n FROM corrections WHERE doc_id = ?'), 'correction'],
    [count('SELECT count(*) AS n FROM annotations WHERE doc_id = ?'), 'annotation'],
    [count("SELECT count(*) AS n FROM articles a WHERE EXISTS (SELECT 1 FROM json_each(a.parts) p WHERE json_extract(p.value, '$.docId') = ?)"), 'article'],
    [count('SELECT count(*) AS n FROM photo_link_choices WHERE doc_id = ?'), 'photo link choice'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`)
    .join(' and ');
}
