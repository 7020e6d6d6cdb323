import type { LibraryStore } from '../library/library-store.ts';
import { MIN_PAGE_SHARE } from './scan-share.ts';

/**
 * Whether a document's first page is a scan (a picture drawn over at least
 * MIN_PAGE_SHARE of it, scan-share.ts), decided once at import from the page
 * model just stored, and kept in documents.first_page_scan (migration 10):
 * 1 a scan, its preview made by the background or on the first request for it;
 * 0 no preview can exist (typeset page, no picture); NULL not decided (a
 * library from before, or not a PDF). The list's "has a preview" column
 * answers from it (first-page-previews.ts) without reading any page model, so
 * a committed document is never "not known": the renderer asked for previews
 * of typeset pages it could not rule out, and got 404s.
 * One SQL statement: SQLite reads page 1's JSON once (a dense scan's raw model
 * is a few MB), in the import's own process (the CLI's too).
 */
export function decideFirstPageScan(store: LibraryStore, id: string): void {
  store.db
    .prepare(
      `UPDATE documents SET first_page_scan = (
         SELECT EXISTS (
           SELECT 1 FROM json_each(p.raw, '$.images') im
           WHERE max(0, json_extract(im.value, '$.rect[2]') - json_extract(im.value, '$.rect[0]'))
               * max(0, json_extract(im.value, '$.rect[3]') - json_extract(im.value, '$.rect[1]'))
               >= ? * json_extract(p.raw, '$.width') * json_extract(p.raw, '$.height'))
         FROM pages p WHERE p.doc_id = documents.id AND p.number = 1)
       WHERE id = ? AND kind = 'pdf'`,
    )
    .run(MIN_PAGE_SHARE, id);
}

/** What the import decided: true a scan, false no preview can exist, null not decided. */
export function firstPageScan(store: LibraryStore, id: string): boolean | null {
  const row = store.db.prepare('SELECT first_page_scan AS scan FROM documents WHERE id = ?').get(id) as { scan: number | null } | undefined;
  return row?.scan == null ? null : row.scan === 1;
}
