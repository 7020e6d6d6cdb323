import type { DatabaseSync } from 'node:sqlite';
import { changedDocuments, documentColumns, readDocumentStates, type DocumentState } from './document-states.ts';

/** Where the tracker's last read stopped: documents_version, the documents' count and largest row id, the pages' likewise. */
interface Cursor {
  version: number;
  docs: number;
  docMax: number;
  pages: number;
  pageMax: number;
}

/**
 * Each document's state (document-states.ts), kept up to date by reading
 * only what was added since the last look. Another process importing
 * appends: its pages are new rows of `pages` (row ids past the largest seen)
 * and its document a new row of `documents`; reading those (a range of row
 * ids) costs a fraction of a millisecond, where signing all 10,000 documents
 * and their 40,000 pages cost 44 ms of CPU at every change (bench/library-watch.ts).
 *
 * Anything else (a row updated or deleted, a page written again or
 * dropped) shows in the counts: documents_version (migration 4) moves once
 * per changed row, so it moving by exactly the number of new rows means no
 * row was updated or deleted; the pages' count growing by exactly the number
 * of new rows means none went. Otherwise the states are read whole, as before.
 */
export class DocumentStateTracker {
  readonly #db: DatabaseSync;
  #states: Map<string, DocumentState> | null = null;
  /** count:sum:max of each document's page row ids, documents still importing included (their row comes last). */
  #pageSigs = new Map<string, string>();
  #cursor: Cursor | null = null;
  /** Reads since the tracker began that had to read everything (the first one included). */
  fullReads = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /**
   * Looks at the library now: which documents changed since the last look
   * (changedDocuments' answer), or null at the first look (nothing to
   * compare with).
   */
  update(): { ids: string[]; pages: string[] } | null {
    // One read transaction: the counts and the rows they count from the same snapshot.
    const own = !this.#db.isTransaction;
    if (own) this.#db.exec('BEGIN');
    try {
      const cursor = this.#readCursor();
      const before = this.#states;
      if (!before || !this.#cursor) {
        this.#readWhole(cursor);
        return null;
      }
      return this.#readAdded(before, this.#cursor, cursor) ?? this.#readWholeAndCompare(before, cursor);
    } finally {
      if (own) this.#db.exec('COMMIT');
    }
  }

  #readCursor(): Cursor {
    return this.#db
      .prepare(
        `SELECT (SELECT version FROM documents_version) AS version, (SELECT count(*) FROM documents) AS docs, (SELECT coalesce(max(rowid), 0) FROM documents) AS docMax,
                (SELECT count(*) FROM pages) AS pages, (SELECT coalesce(max(rowid), 0) FROM pages) AS pageMax`,
      )
      .get() as unknown as Cursor;
  }

  #readWhole(cursor: Cursor): Map<string, DocumentState> {
    this.fullReads++;
    const states = readDocumentStates(this.#db);
    this.#pageSigs = new Map(
      (this.#db.prepare("SELECT doc_id AS id, count(*) || ':' || sum(rowid) || ':' || max(rowid) AS pages FROM pages GROUP BY doc_id").all() as Array<{ id: string; pages: string }>).map(
        (r) => [r.id, r.pages],
      ),
    );
    this.#states = states;
    this.#cursor = cursor;
    return states;
  }

  #readWholeAndCompare(before: Map<string, DocumentState>, cursor: Cursor): { ids: string[]; pages: string[] } {
    return changedDocuments(before, this.#readWhole(cursor));
  }

  /** Only rows were added since `was`: reads them and updates the states in place. Null when something else changed. */
  #readAdded(states: Map<string, DocumentState>, was: Cursor, now: Cursor): { ids: string[]; pages: string[] } | null {
    const newDocs = now.docs - was.docs;
    const newPages = now.pages - was.pages;
    if (newDocs < 0 || newPages < 0 || now.version - was.version !== newDocs) return null;
    if (now.docMax < was.docMax || now.pageMax < was.pageMax) return null;
    const rows = newDocs
      ? (this.#db.prepare(`SELECT id, json_array(${documentColumns(this.#db).join(', ')}) AS row FROM documents WHERE rowid > ?`).all(was.docMax) as Array<{ id: string; row: string }>)
      : [];
    const pages = newPages
      ? (this.#db.prepare('SELECT doc_id AS id, count(*) AS n, sum(rowid) AS sum, max(rowid) AS max FROM pages WHERE rowid > ? GROUP BY doc_id').all(was.pageMax) as Array<{
          id: string;
          n: number;
          sum: number;
          max: number;
        }>)
      : [];
    // Rows reused (a largest row deleted, then one added): not only additions.
    if (rows.length !== newDocs || pages.reduce((n, p) => n + p.n, 0) !== newPages) return null;
    // The touched documents as they were, then as they are: changedDocuments over just those.
    const touched = new Set([...rows.map((r) => r.id), ...pages.map((p) => p.id)]);
    const before = new Map<string, DocumentState>();
    for (const id of touched) {
      const s = states.get(id);
      if (s) before.set(id, s);
    }
    for (const p of pages) {
      const [n, sum, max] = (this.#pageSigs.get(p.id) ?? '0:0:0').split(':').map(Number);
      this.#pageSigs.set(p.id, `${n + p.n}:${sum + p.sum}:${Math.max(max, p.max)}`);
    }
    for (const r of rows) states.set(r.id, { row: r.row, pages: '' });
    const after = new Map<string, DocumentState>();
    for (const id of touched) {
      const s = states.get(id);
      if (!s) continue; // pages of a document still importing: no row yet
      const next = { row: s.row, pages: this.#pageSigs.get(id) ?? '' };
      states.set(id, next);
      after.set(id, next);
    }
    this.#cursor = now;
    return changedDocuments(before, after);
  }
}
