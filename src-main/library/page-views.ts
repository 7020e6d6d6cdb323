import type { Photo } from '../../core/page-model.ts';
import { encodePageView, PAGE_VIEW_WIRE_VERSION, type PageViewReply } from '../../core/page-view/page-view-codec.ts';
import { CorrectionStore } from './correction-store.ts';
import { BUSY_TIMEOUT_MS, type LibraryStore } from './library-store.ts';
import { photosWithChoices } from './photo-links.ts';

/**
 * The reader's pages, answered without parsing the page model: each page's
 * compact view (core/page-view) is stored once in `pages.view` (migration 7)
 * and passed through as the JSON text it is stored as; only the parts that
 * change ride beside it: the photos (relinking rewrites them in the cleaned
 * JSON; SQLite extracts them) with the archivist's link choices, and the
 * latest corrections. A page without a stored view (imported before, or
 * rewritten by `verify --repair`, whose INSERT OR REPLACE clears the column)
 * is encoded from its model on first read and stored for next time.
 */
export class PageViews {
  private readonly store: LibraryStore;
  private readonly corrections: CorrectionStore;

  constructor(store: LibraryStore) {
    this.store = store;
    this.corrections = new CorrectionStore(store.db);
  }

  /** The page as the reader gets it, or null if it is not stored. `preview` is filled in by the caller. */
  reply(docId: string, n: number): Omit<PageViewReply, 'preview'> | null {
    const row = this.store.db
      .prepare("SELECT view, json_extract(cleaned, '$.photos') AS photos FROM pages WHERE doc_id = ? AND number = ?")
      .get(docId, n) as { view: string | null; photos: string | null } | undefined;
    if (!row || !this.store.has(docId)) return null;
    const wire = current(row.view) ? row.view! : this.encode(docId, n);
    if (wire === null) return null;
    const photos = photosWithChoices(this.store.db, docId, n, JSON.parse(row.photos ?? '[]') as Photo[]);
    return { wire, photos, corrections: [...this.corrections.latest(docId, n)] };
  }

  /** Pages of a document without a current stored view. */
  missing(docId: string): number[] {
    const rows = this.store.db
      .prepare('SELECT number FROM pages WHERE doc_id = ? AND (view IS NULL OR substr(view, 1, ?) <> ?) ORDER BY number')
      .all(docId, VIEW_PREFIX.length, VIEW_PREFIX) as Array<{ number: number }>;
    return rows.map((r) => r.number);
  }

  /** Encodes and stores one page's view (background work after an import); false if the page is not stored. */
  fill(docId: string, n: number): boolean {
    return this.encode(docId, n) !== null;
  }

  /** Stores a view encoded elsewhere (a worker thread: src-main/previews/view-encoder.ts). */
  storeWire(docId: string, n: number, wire: string): void {
    this.save(docId, n, wire);
  }

  private encode(docId: string, n: number): string | null {
    const model = this.store.page(docId, n);
    if (!model) return null;
    const wire = JSON.stringify(encodePageView(model));
    this.save(docId, n, wire);
    return wire;
  }

  /**
   * Stores a view if the library is free this instant: it is a cache, and the
   * reader must never wait on another process's import for it (the busy
   * timeout is off for this one statement). The next read tries again.
   */
  private save(docId: string, n: number, wire: string): void {
    const db = this.store.db;
    db.exec('PRAGMA busy_timeout = 0');
    try {
      db.prepare('UPDATE pages SET view = ? WHERE doc_id = ? AND number = ?').run(wire, docId, n);
    } catch {
      // Busy or read-only: serve the view unstored.
    } finally {
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }
}

/** A stored view of the current layout (its version is the first field JSON.stringify wrote). */
const VIEW_PREFIX = `{"v":${PAGE_VIEW_WIRE_VERSION},`;
function current(view: string | null): boolean {
  return view !== null && view.startsWith(VIEW_PREFIX);
}
